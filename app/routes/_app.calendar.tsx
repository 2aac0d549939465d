import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { actorFrom, requireAuth } from "~/auth/guards.server";
import { can } from "~/auth/permissions";
import { FeedPanel } from "~/components/calendar/feed-panel";
import { ChevronLeftIcon, ChevronRightIcon } from "~/components/calendar/icons";
import { calendarHref, dayLabel, monthTitle, weekTitle } from "~/components/calendar/labels";
import { Legend } from "~/components/calendar/legend";
import { MonthView } from "~/components/calendar/month-view";
import { WeekView } from "~/components/calendar/week-view";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useLocale } from "~/components/use-user";
import { formatLongDate } from "~/i18n/format";
import { getT } from "~/i18n/i18n";
import {
  getCalendarToken,
  getCalendarView,
  getOrCreateCalendarToken,
  parseIsoDate,
  rotateCalendarToken,
} from "~/models/calendar.server";
import { toastHeaders } from "~/toast.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

function readView(url: URL) {
  return {
    view: url.searchParams.get("view") === "month" ? ("month" as const) : ("week" as const),
    date: parseIsoDate(url.searchParams.get("date")),
  };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = requireAuth(context, request);
  const url = new URL(request.url);
  const { view, date } = readView(url);
  const token = getCalendarToken(user.id);
  return {
    title: getT(context.locale)("calendar.pageTitle"),
    calendar: getCalendarView({ user, view, date }),
    seeAll: can(user, "read:sitting:any"),
    feedUrl: token ? `${url.origin}/calendar/${token}.ics` : null,
  };
}

const actionSchema = z.object({ intent: z.enum(["create-feed", "rotate-feed"]) });

export async function action({ request, context }: ActionFunctionArgs) {
  const { user } = requireAuth(context, request);
  const parsed = actionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) throw new Response("Bad Request", { status: 400 });
  const actor = actorFrom(context);
  if (parsed.data.intent === "create-feed") getOrCreateCalendarToken({ actor, userId: user.id });
  else rotateCalendarToken({ actor, userId: user.id });
  const { view, date } = readView(new URL(request.url));
  const message = parsed.data.intent === "create-feed" ? "calendar.feed.created" : "calendar.feed.rotated";
  return redirect(`${calendarHref(view, date ?? undefined)}#dong-bo-lich`, {
    headers: await toastHeaders({ kind: "success", message }),
  });
}

export default function CalendarPage() {
  const { calendar, seeAll, feedUrl } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const locale = useLocale();
  const { view, days } = calendar;
  const first = days[0].date;
  const last = days[days.length - 1].date;
  const title = view === "week" ? weekTitle(first, last, locale, t) : monthTitle(calendar.date, t);
  const stepLabel = (label: string, target: string, targetLast: string) =>
    view === "week"
      ? t("calendar.nav.weekLabel", { label, from: dayLabel(target, locale), to: dayLabel(targetLast, locale) })
      : t("calendar.nav.monthLabel", { label, month: monthTitle(target, t) });
  const previousText = view === "week" ? t("calendar.nav.previousWeek") : t("calendar.nav.previousMonth");
  const nextText = view === "week" ? t("calendar.nav.nextWeek") : t("calendar.nav.nextMonth");

  return (
    <>
      <div className="page-header cal-header">
        <div>
          <h1>{t("calendar.title")}</h1>
          <p className="muted">{seeAll ? t("calendar.introAll") : t("calendar.intro")}</p>
        </div>
        <nav className="cal-views" aria-label={t("calendar.view.label")}>
          <Link to={calendarHref("week", calendar.date)} aria-current={view === "week" ? "page" : undefined}>
            {t("calendar.view.week")}
          </Link>
          <Link to={calendarHref("month", calendar.date)} aria-current={view === "month" ? "page" : undefined}>
            {t("calendar.view.month")}
          </Link>
        </nav>
      </div>

      <section className="cal-board" aria-labelledby="cal-range-title">
        <div className="cal-toolbar">
          <nav className="cal-nav" aria-label={t("calendar.nav.label")}>
            <Link className="button secondary cal-step" to={calendarHref(view, calendar.previous)} aria-label={stepLabel(previousText, calendar.previous, calendar.previousLast)}>
              <ChevronLeftIcon />
              <span className="cal-step-text">{previousText}</span>
            </Link>
            <Link
              className="button secondary"
              to={calendarHref(view)}
              aria-label={t("calendar.nav.todayLabel", { date: formatLongDate(new Date(`${calendar.today}T12:00:00+07:00`), locale) })}
            >
              {t("calendar.nav.today")}
            </Link>
            <Link className="button secondary cal-step" to={calendarHref(view, calendar.next)} aria-label={stepLabel(nextText, calendar.next, calendar.nextLast)}>
              <span className="cal-step-text">{nextText}</span>
              <ChevronRightIcon />
            </Link>
          </nav>
          <div className="cal-range">
            <h2 id="cal-range-title">{title}</h2>
            <p className="muted" data-testid="calendar-count">
              {t("calendar.count", { count: calendar.count })}
            </p>
          </div>
          <Form method="get" action="/calendar" className="cal-jump">
            <input type="hidden" name="view" value={view} />
            <label htmlFor="cal-date" className="visually-hidden">
              {t("calendar.nav.pickDate")}
            </label>
            <input id="cal-date" key={calendar.date} type="date" name="date" defaultValue={calendar.date} required />
            <button type="submit" className="button secondary">
              {t("calendar.nav.go")}
            </button>
          </Form>
        </div>

        {calendar.count === 0 ? (
          <div className="cal-empty" role="note">
            <p>
              <strong>{view === "week" ? t("calendar.emptyWeek") : t("calendar.emptyMonth")}</strong>
            </p>
            {calendar.nextSitting ? (
              <p>
                {t("calendar.nextSitting", {
                  title: calendar.nextSitting.title,
                  date: formatLongDate(new Date(calendar.nextSitting.startsAt), locale),
                })}{" "}
                <Link to={calendarHref(view, calendar.nextSitting.date)} className="cal-empty-link">
                  {t("calendar.goToNextSitting")}
                </Link>
              </p>
            ) : (
              <p className="muted">{t("calendar.noUpcoming")}</p>
            )}
          </div>
        ) : null}

        {view === "week" ? <WeekView days={days} labelledBy="cal-range-title" /> : <MonthView days={days} caption={title} />}
      </section>

      <div className="cal-extras">
        <FeedPanel feedUrl={feedUrl} />
        <Legend showDrafts={seeAll} />
      </div>
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
