import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Toast } from "~/toast.server";

export function ToastMessage({ toast }: { toast: Toast | null }) {
  const { t } = useTranslation();
  const [visible, setVisible] = useState<Toast | null>(toast);
  // A new toast replaces the shown one; a later reload of the data without one (a live update) leaves it be.
  useEffect(() => {
    if (toast) setVisible(toast);
  }, [toast]);
  // Each toast shows for five seconds, whatever else re-renders meanwhile.
  useEffect(() => {
    if (!visible) return;
    const timer = setTimeout(() => setVisible(null), 5000);
    return () => clearTimeout(timer);
  }, [visible]);
  return (
    <div aria-live="polite" role="status">
      {visible ? (
        <div className={`toast ${visible.kind}`} data-testid="toast">
          {t(visible.message, visible.params)}
        </div>
      ) : null}
    </div>
  );
}
