import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/auth/guards.server";
import { buildCalendarFeed, findUserByCalendarToken } from "~/models/calendar.server";

// A user's private calendar feed, for calendar apps to subscribe to. No session: the token in the URL is the
// secret, so an unknown token and a disabled user's token both answer 404, and nothing is cached on the way.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = findUserByCalendarToken(params.token ?? "");
  if (!user) throw notFound();
  const body = buildCalendarFeed({ user, origin: new URL(request.url).origin });
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'inline; filename="lich-hop.ics"',
      "Cache-Control": "private, no-store, max-age=0",
      "X-Robots-Tag": "noindex, nofollow",
    },
  });
}
