import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireAuth } from "~/auth/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useLocale } from "~/components/use-user";
import { formatDateTime } from "~/i18n/format";
import { listNotifications, markAllRead } from "~/models/notification.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = requireAuth(context, request);
  const items = listNotifications(user.id, 50);
  // Opening the list reads them.
  markAllRead(user.id);
  return { items };
}

export default function NotificationsPage() {
  const { items } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <section className="card">
      <h1>{t("meetings.notifications.title")}</h1>
      {items.length === 0 ? (
        <p className="muted">{t("meetings.notifications.none")}</p>
      ) : (
        <ul className="list">
          {items.map((n) => (
            <li key={n.id} className={n.readAt ? "" : "unread"}>
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
