import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { blankSessionCookie, invalidateSession } from "~/auth/auth.server";
import { actorFrom } from "~/auth/guards.server";
import { recordLogout } from "~/models/login.server";
import { endSessionConnections } from "~/realtime/server.server";

export async function action({ context }: ActionFunctionArgs) {
  if (context.auth) {
    await invalidateSession(context.auth.session.id);
    recordLogout(actorFrom(context));
    await endSessionConnections(context.auth.session.id);
  }
  return redirect("/login", { headers: { "Set-Cookie": blankSessionCookie() } });
}

export async function loader() {
  return redirect("/");
}
