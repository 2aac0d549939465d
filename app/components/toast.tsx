import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Toast } from "~/toast.server";

export function ToastMessage({ toast }: { toast: Toast | null }) {
  const { t } = useTranslation();
  const [visible, setVisible] = useState<Toast | null>(toast);
  // A later revalidation (a live update) brings no toast: keep showing this one until its time is up.
  useEffect(() => {
    if (!toast) return;
    setVisible(toast);
    const timer = setTimeout(() => setVisible(null), 5000);
    return () => clearTimeout(timer);
  }, [toast]);
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
