import type { NextFunction, Request, Response } from "express";
import { readLocaleCookie } from "~/context.server";
import { defaultLocale, getT } from "~/i18n/i18n";

const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

type HeaderValue = string | string[] | undefined;

/**
 * The one same-origin rule, for state-changing HTTP requests and socket.io handshakes alike. "null" and malformed
 * origins are refused, never thrown on.
 */
export function isSameOrigin(origin: HeaderValue, host: HeaderValue, fetchSite: HeaderValue) {
  if (typeof origin === "string" && origin !== "") {
    if (origin === "null") return false;
    try {
      return new URL(origin).host === host;
    } catch {
      return false;
    }
  }
  return fetchSite !== "cross-site";
}

/**
 * Refuses state-changing requests from other sites (CSRF): the Origin header must name this host; when a browser
 * sends no Origin, Sec-Fetch-Site must not say "cross-site". SameSite=Lax cookies are the second line.
 */
export function checkOrigin(req: Request, res: Response, next: NextFunction) {
  if (safeMethods.has(req.method)) return next();
  if (isSameOrigin(req.get("origin"), req.get("host"), req.get("sec-fetch-site"))) return next();
  const t = getT(readLocaleCookie(req.headers.cookie) ?? defaultLocale);
  res.status(403).type("text/plain; charset=utf-8").send(t("errors.crossSite"));
}
