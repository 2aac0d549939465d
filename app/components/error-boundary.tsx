import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** The error page every route shows: 403, 404 and the rest, in the user's language. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const kind = status === 403 ? "forbidden" : status === 404 ? "notFound" : status === 401 ? "unauthenticated" : "server";
  if (status >= 500 && typeof document !== "undefined") console.error(error);
  return (
    <div className="error-page">
      <p className="code">{status}</p>
      <h1>{t(`errorPage.${kind}.title`)}</h1>
      <p className="muted">{t(`errorPage.${kind}.body`)}</p>
      <p>
        <Link to="/" className="button">
          {t("errorPage.home")}
        </Link>
      </p>
    </div>
  );
}
