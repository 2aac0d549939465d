import type { Request as ExpressRequest, Response as ExpressResponse } from "express";
import type { Locale } from "#db/schema";
import { authenticate, type Auth } from "~/auth/auth.server";
import { defaultLocale, isLocale, localeCookieName } from "~/i18n/i18n";

export type RequestContext = {
  auth: Auth | null;
  locale: Locale;
  ip: string | null;
  userAgent: string | null;
  cspNonce: string;
};

declare module "@remix-run/node" {
  // Single fetch types for loaders and actions (remix.config.js turns the flag on).
  interface Future {
    v3_singleFetch: true;
  }
}

declare module "@remix-run/server-runtime" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- module augmentation needs an interface
  interface AppLoadContext extends RequestContext {}
}

/**
 * Checks the session once per request, before Remix runs: loaders and actions read `context.auth`.
 * A refreshed or cleared session cookie is set on the response here.
 */
export async function getLoadContext(req: ExpressRequest, res: ExpressResponse): Promise<RequestContext> {
  const { auth, cookie } = await authenticate(req.headers.cookie);
  if (cookie) res.append("Set-Cookie", cookie);
  return {
    auth,
    locale: auth?.user.locale ?? readLocaleCookie(req.headers.cookie) ?? defaultLocale,
    ip: req.ip ?? null,
    userAgent: req.get("user-agent") ?? null,
    cspNonce: String(res.locals.cspNonce ?? ""),
  };
}

/** The language chosen before signing in (the login page's switch), if any. */
export function readLocaleCookie(cookieHeader: string | null | undefined): Locale | undefined {
  const value = readCookie(cookieHeader ?? undefined, localeCookieName);
  return isLocale(value) ? value : undefined;
}

function readCookie(header: string | undefined, name: string) {
  for (const part of header?.split(";") ?? []) {
    const [key, ...value] = part.trim().split("=");
    if (key === name) return decodeURIComponent(value.join("="));
  }
  return undefined;
}
