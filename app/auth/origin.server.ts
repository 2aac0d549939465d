import type { NextFunction, Request, Response } from "express";
import { readLocaleCookie } from "~/context.server";
import { defaultLocale, getT } from "~/i18n/i18n";

const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Refuses state-changing requests from other sites (CSRF): the Origin header must name this host; when a browser
 * sends no Origin, Sec-Fetch-Site must not say "cross-site". SameSite=Lax cookies are the second line.
 */
export function checkOrigin(req: Request, res: Response, next: NextFunction) {
  if (safeMethods.has(req.method)) return next();
  const origin = req.get("origin");
  const host = req.get("host");
  let allowed: boolean;
  if (origin && origin !== "null") {
    try {
      allowed = new URL(origin).host === host;
    } catch {
      allowed = false;
    }
  } else {
    allowed = origin !== "null" && req.get("sec-fetch-site") !== "cross-site";
  }
  if (allowed) return next();
  const t = getT(readLocaleCookie(req.headers.cookie) ?? defaultLocale);
  res.status(403).type("text/plain; charset=utf-8").send(t("errors.crossSite"));
}
