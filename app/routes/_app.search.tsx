import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireAuth } from "~/auth/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { getT } from "~/i18n/i18n";
import { searchDocuments } from "~/models/text-index.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = requireAuth(context, request);
  const query = (new URL(request.url).searchParams.get("q") ?? "").slice(0, 200).trim();
  return { title: getT(context.locale)("documents.search.pageTitle"), query, hits: query ? searchDocuments({ reader: user, query }) : [] };
}

export default function SearchPage() {
  const { query, hits } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const navigation = useNavigation();
  return (
    <>
      <h1>{t("documents.search.title")}</h1>
      <Form method="get" role="search" className="filters">
        <div className="field">
          <label htmlFor="q">{t("documents.search.label")}</label>
          <input id="q" name="q" type="search" defaultValue={query} aria-describedby="q-hint" size={40} />
          <span className="hint" id="q-hint">
            {t("documents.search.hint")}
          </span>
        </div>
        <button type="submit" className="button" disabled={navigation.state === "loading"}>
          {t("documents.search.submit")}
        </button>
      </Form>
      {query ? (
        <section aria-live="polite">
          <p>{hits.length ? t("documents.search.results", { count: hits.length, query }) : t("documents.search.none", { query })}</p>
          <ul className="doc-list" data-testid="search-results">
            {hits.map((hit) => (
              <li key={`${hit.versionId}-${hit.page}`} className="search-hit" data-page={hit.page}>
                <strong>
                  {t(`documents.types.${hit.type}`, { defaultValue: hit.type })}
                  {hit.reference ? ` ${hit.reference}` : ""} — {hit.summary}
                </strong>
                {hit.sittingTitle ? <div className="muted">{hit.sittingTitle}</div> : null}
                <p>
                  {hit.snippet.before}
                  {hit.snippet.match ? <mark>{hit.snippet.match}</mark> : null}
                  {hit.snippet.after}
                </p>
                {hit.page > 0 ? (
                  <Link className="button secondary" to={`/documents/${hit.versionId}#page=${hit.page}`}>
                    {t("documents.search.openAtPage", { page: hit.page })}
                  </Link>
                ) : (
                  <span className="muted">{t("documents.search.inMetadata")}</span>
                )}
                {hit.sittingId ? (
                  <>
                    {" "}
                    <Link to={`/sittings/${hit.sittingId}`} className="button link">
                      {t("meetings.tabs.overview")}
                    </Link>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
