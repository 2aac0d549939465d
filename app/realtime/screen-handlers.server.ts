// A hall screen opened by its link (issue #5): it follows one sitting, read-only, and sees only what is public.
import { z } from "zod";
import { getT } from "~/i18n/i18n";
import { getScreenState } from "~/models/live-sitting.server";
import { command } from "./commands.server";
import type { AppServerSocket } from "./server.server";
import { joinAudience } from "./sitting-broadcast.server";

export function registerScreenHandlers(socket: AppServerSocket, sittingId: string) {
  const token = (socket.handshake.auth as { screenToken: string }).screenToken;
  const thisSitting = z.object({ sittingId: z.literal(sittingId) });

  socket.on(
    "sitting:join",
    command(socket, thisSitting, async () => {
      await joinAudience(socket, sittingId, "screen");
      return { staff: false, presentation: null };
    }),
  );

  socket.on(
    "live:state",
    command(socket, thisSitting, () => ({ state: getScreenState(token) })),
  );

  // Anything else a screen asks is refused, with an answer (a command left unanswered would hang its sender).
  socket.onAny((event: string, ...args: unknown[]) => {
    const ack = args.at(-1);
    if (event === "sitting:join" || event === "live:state" || typeof ack !== "function") return;
    ack({ ok: false, error: { code: "forbidden", message: getT(socket.data.locale)("live.errors.screenReadOnly") } });
  });
}
