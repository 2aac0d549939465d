import { isRouteErrorResponse, Link, useRevalidator, useRouteError } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";

/** The error page every route shows: 403, 404 and the rest, in the user's language. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  if (wasCutShort(error)) return <LoadAgain />;
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

/**
 * A load cut short is not a failure of the page: Remix can surface the abort of a request it replaced (a live reload
 * meeting a navigation that had just begun, with single fetch) as the route's error. Load the page again instead of
 * showing an error.
 */
function wasCutShort(error: unknown) {
  return typeof error === "object" && error !== null && (error as { name?: unknown }).name === "AbortError";
}

function LoadAgain() {
  const { t } = useTranslation();
  const { revalidate, state } = useRevalidator();
  useEffect(() => {
    if (state === "idle") revalidate();
    // Once: a revalidation that succeeds replaces this boundary with the page.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return (
    <p className="muted" role="status">
      {t("errorPage.reloading")}
    </p>
  );
}
