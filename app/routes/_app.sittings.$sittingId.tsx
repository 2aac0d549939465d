import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireAuth } from "~/auth/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PresentationBar } from "~/components/presentation-bar";
import { useLocale, useUser } from "~/components/use-user";
import { throwHttp } from "~/http-errors.server";
import { formatLongDate, formatTime } from "~/i18n/format";
import { getSittingForReader } from "~/models/sitting.server";
import { usePresentation } from "~/realtime/use-presentation";
import { useSittingLive } from "~/realtime/use-sitting-live";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.sitting.title} — PhòngHọp` : "PhòngHọp" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user } = requireAuth(context, request);
  const sitting = throwHttp(() => getSittingForReader({ sittingId: params.sittingId ?? "", reader: user }));
  return { sitting };
}

/** What the sitting's tabs get from the layout: the last live change (the overview tells readers about it). */
export type SittingOutletContext = { lastChange: ReturnType<typeof useSittingLive> };

export default function SittingLayout() {
  const { sitting } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const locale = useLocale();
  const lastChange = useSittingLive(sitting.id);
  const presentation = usePresentation(sitting.id);
  const user = useUser();
  const startsAt = new Date(sitting.startsAt);
  return (
    <>
      <div className="page-header">
        <div>
          <p className="muted breadcrumb">
            <Link to="/sittings">{t("meetings.myDocuments")}</Link>
            {sitting.sessionTitle ? ` · ${sitting.sessionTitle}` : ""}
          </p>
          <h1>
            {sitting.title}{" "}
            <span className={`badge status-${sitting.status}`}>{t(`meetings.statuses.${sitting.status}`)}</span>{" "}
            {sitting.closed ? <span className="badge closed">{t("meetings.closedBadge")}</span> : null}
          </h1>
          <p>
            <strong>{formatLongDate(startsAt, locale)}</strong> · {formatTime(startsAt, locale)}
            {sitting.endsAt ? `–${formatTime(new Date(sitting.endsAt), locale)}` : ""}
            {sitting.place ? ` · ${sitting.place}` : ""}
          </p>
          <p className="muted">{sitting.bodyName}</p>
        </div>
      </div>
      <PresentationBar state={presentation} me={user.id} />
      <nav className="tabs" aria-label={t("meetings.title")}>
        <NavLink to="." end>
          {t("meetings.tabs.overview")}
        </NavLink>
        {sitting.status !== "draft" ? <NavLink to="live">{t("live.tab")}</NavLink> : null}
        {sitting.canManage ? (
          <>
            <NavLink to="agenda">{t("meetings.tabs.agenda")}</NavLink>
            <NavLink to="documents">{t("meetings.tabs.documents")}</NavLink>
            <NavLink to="participants">{t("meetings.tabs.participants")}</NavLink>
            <NavLink to="edit">{t("meetings.tabs.edit")}</NavLink>
          </>
        ) : null}
      </nav>
      <Outlet context={{ lastChange } satisfies SittingOutletContext} />
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
