import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireAuth } from "~/auth/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { getT } from "~/i18n/i18n";
import { listMyAnnotations } from "~/models/annotation.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = requireAuth(context, request);
  return { title: getT(context.locale)("annotations.mine.pageTitle"), notes: listMyAnnotations(user.id) };
}

export default function MyNotes() {
  const { notes } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  // Grouped by document version, in the order the model gives (sitting, document, page).
  const groups = new Map<string, typeof notes>();
  for (const note of notes) groups.set(note.versionId, [...(groups.get(note.versionId) ?? []), note]);
  return (
    <>
      <h1>{t("annotations.mine.title")}</h1>
      {notes.length === 0 ? <p className="card muted">{t("annotations.mine.none")}</p> : null}
      {[...groups.values()].map((items) => (
        <section key={items[0].versionId} className="card" aria-label={items[0].summary}>
          <h2>
            {t(`documents.types.${items[0].type}`, { defaultValue: items[0].type })}
            {items[0].reference ? ` ${items[0].reference}` : ""} — {items[0].summary}
          </h2>
          {items[0].sittingTitle ? <p className="muted">{items[0].sittingTitle}</p> : null}
          <ul className="list" data-testid="my-notes">
            {items.map((note) => (
              <li key={note.id} className="row">
                <Link to={`/documents/${note.versionId}#page=${note.page}`} className="button secondary">
                  {t("documents.search.page", { page: note.page })}
                </Link>
                <span>{note.text ?? (note.kind === "ink" ? t("annotations.mine.drawing") : t(`annotations.${note.kind}`))}</span>
                {note.shared ? <span className="badge">{t("annotations.shared")}</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
