import { redirect, type AppLoadContext } from "@remix-run/node";
import type { Actor } from "~/models/audit.server";
import { can, type Permission } from "./permissions";

/** The signed-in user, or a redirect to the login page that comes back here afterwards. */
export function requireAuth(context: AppLoadContext, request: Request) {
  if (context.auth) return context.auth;
  const url = new URL(request.url);
  const redirectTo = `${url.pathname}${url.search}`;
  throw redirect(redirectTo === "/" ? "/login" : `/login?${new URLSearchParams({ redirectTo })}`);
}

/** The signed-in user holding `permission`; otherwise a 403 that the error boundary shows in the user's language. */
export function requirePermission(context: AppLoadContext, request: Request, permission: Permission) {
  const auth = requireAuth(context, request);
  if (!can(auth.user, permission)) throw forbidden();
  return auth;
}

export function forbidden() {
  return new Response("Forbidden", { status: 403, statusText: "Forbidden" });
}

export function notFound() {
  return new Response("Not Found", { status: 404, statusText: "Not Found" });
}

export function actorFrom(context: AppLoadContext): Actor {
  return { userId: context.auth?.user.id ?? null, ip: context.ip, userAgent: context.userAgent };
}
