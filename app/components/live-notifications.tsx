import { Link } from "@remix-run/react";
import { useCallback, useState } from "react";
import { useTranslation } from "react-i18next";
import type { NotificationPayload } from "~/realtime/events";
import { useRealtimeEvent } from "~/realtime/realtime-provider";
import { useLiveReload } from "~/realtime/use-live-reload";

/** Notifications pushed to this user while the page is open, shown at once (and counted in the header). */
export function LiveNotifications() {
  const { t } = useTranslation();
  const reload = useLiveReload();
  const [items, setItems] = useState<NotificationPayload[]>([]);
  const onNotification = useCallback((n: NotificationPayload) => {
    setItems((all) => [n, ...all].slice(0, 3));
    reload();
  }, [reload]);
  useRealtimeEvent("notification", onNotification);
  return (
    <div className="live-notifications" aria-live="polite" role="status" data-testid="live-notifications">
      {items.map((n) => (
        <div key={n.id} className="live-notification">
          <span>{t(n.message, n.params ?? {})}</span>
          {n.href ? (
            <Link to={n.href} className="button secondary" onClick={() => setItems((all) => all.filter((i) => i.id !== n.id))}>
              {t("meetings.notifications.open")}
            </Link>
          ) : null}
          <button type="button" className="button link" aria-label={t("meetings.notifications.dismiss")} onClick={() => setItems((all) => all.filter((i) => i.id !== n.id))}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
