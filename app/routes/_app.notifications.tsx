import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireAuth } from "~/auth/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useLocale } from "~/components/use-user";
import { formatDateTime } from "~/i18n/format";
import { listNotifications, markAllRead } from "~/models/notification.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = requireAuth(context, request);
  return { items: listNotifications(user.id, 50) };
}

// Marking read is a POST: a prefetch of this page must not clear anyone's unread count.
export async function action({ request, context }: ActionFunctionArgs) {
  const { user } = requireAuth(context, request);
  markAllRead(user.id);
  return redirect("/notifications");
}

export default function NotificationsPage() {
  const { items } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <section className="card">
      <div className="page-header">
        <h1>{t("meetings.notifications.title")}</h1>
        {items.some((n) => !n.readAt) ? (
          <Form method="post">
            <button type="submit" className="button secondary">
              {t("meetings.notifications.markRead")}
            </button>
          </Form>
        ) : null}
      </div>
      {items.length === 0 ? (
        <p className="muted">{t("meetings.notifications.none")}</p>
      ) : (
        <ul className="list">
          {items.map((n) => (
            <li key={n.id} className={n.readAt ? "" : "unread"}>
              {n.readAt ? null : <span className="badge">{t("meetings.notifications.new")}</span>} 
              {n.href ? <Link to={n.href}>{t(n.message, n.params ?? {})}</Link> : t(n.message, n.params ?? {})}
              <div className="muted">{formatDateTime(new Date(n.createdAt), locale)}</div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
