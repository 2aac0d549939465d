import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import { requireAuth } from "~/auth/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useLocale } from "~/components/use-user";
import { formatLongDate } from "~/i18n/format";
import { getT } from "~/i18n/i18n";
import { listSignoffs, pendingCounts } from "~/models/signoff.server";
import { useRealtimeEvent } from "~/realtime/realtime-provider";
import { useLiveReload } from "~/realtime/use-live-reload";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = requireAuth(context, request);
  return { title: getT(context.locale)("signoff.pageTitle"), signoffs: listSignoffs(user), counts: pendingCounts(user.id) };
}

export default function SignoffList() {
  const { signoffs, counts } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const locale = useLocale();
  const reload = useLiveReload();
  useRealtimeEvent(
    "notification",
    useCallback((n: { kind: string }) => n.kind.startsWith("signoff.") && reload(), [reload]),
  );
  return (
    <section className="card" aria-labelledby="signoffs-heading">
      <div className="page-header">
        <h1 id="signoffs-heading">{t("signoff.title")}</h1>
        {counts.total ? (
          <p className="badge warning" data-testid="pending-counts">
            {t("signoff.pendingCounts", counts)}
          </p>
        ) : null}
      </div>
      {signoffs.length === 0 ? (
        <p className="muted">{t("signoff.none")}</p>
      ) : (
        <ul className="list" data-testid="signoff-list">
          {signoffs.map((s) => (
            <li key={s.id}>
              <Link to={`/signoffs/${s.id}`}>
                <strong>{s.summary}</strong>
              </Link>{" "}
              <span className="badge">{t(`signoff.status.${s.status}`)}</span>
              {s.pendingForMe ? <span className="badge warning">{t("signoff.pendingForMe")}: {t(`signoff.actions.${s.pendingForMe}`)}</span> : null}
              <div className="muted">
                {s.reference ? `${t("signoff.reference", { reference: s.reference })} · ` : ""}
                {s.waitingOn ? t("signoff.waitingOn", { name: s.waitingOn }) : ""}
                {s.deadline ? ` · ${t("signoff.deadlineOn", { date: formatLongDate(new Date(s.deadline), locale) })}` : ""}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
