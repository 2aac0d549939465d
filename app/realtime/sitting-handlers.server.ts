import { z } from "zod";
import { getPresentation, presentationFor, presentationPayload, presentPage, stopPresenting } from "~/models/presentation.server";
import { can } from "~/auth/permissions";
import { sittingAudience } from "~/models/live-sitting.server";
import { listUpcomingSittings } from "~/models/sitting.server";
import { getReader } from "~/models/user.server";
import { command } from "./commands.server";
import type { AppServerSocket } from "./server.server";
import { announcePresentation, hears, joinAudience, leaveAudiences } from "./sitting-broadcast.server";

const sittingRef = z.object({ sittingId: z.string().uuid() });
const noPayload = z.object({}).optional();
const presentInput = sittingRef.extend({ versionId: z.string().uuid(), page: z.number().int().min(1).max(100_000) });

export function registerSittingHandlers(socket: AppServerSocket) {
  // The sittings this user may follow, soonest first: how a client that is not a browser finds what to join.
  socket.on(
    "sitting:list",
    command(socket, noPayload, () => {
      const reader = getReader(socket.data.userId);
      const sittings = listUpcomingSittings({ userId: reader.id, seeAll: can(reader, "read:sitting:any"), limit: 50 });
      return {
        sittings: sittings.map((s) => ({ ...s, startsAt: s.startsAt.toISOString(), endsAt: s.endsAt?.toISOString() ?? null })),
      };
    }),
  );

  socket.on(
    "sitting:join",
    command(socket, sittingRef, async ({ sittingId }) => {
      // Rights are read now, not at connect time: a role may have changed since.
      const reader = getReader(socket.data.userId);
      const { audience, closed } = sittingAudience({ sittingId, reader });
      await joinAudience(socket, sittingId, audience);
      return {
        staff: audience === "conduct",
        presentation: hears(audience, closed, "presentation:changed") ? presentationFor(getPresentation(sittingId), reader) : null,
      };
    }),
  );

  socket.on(
    "sitting:leave",
    command(socket, sittingRef, async ({ sittingId }) => {
      await leaveAudiences(socket, sittingId);
      return {};
    }),
  );

  socket.on(
    "presentation:set",
    command(
      socket,
      presentInput,
      async (input) => {
        const presentation = presentPage({
          reader: getReader(socket.data.userId),
          ...input,
        });
        await announcePresentation(input.sittingId, presentation);
        return { presentation: presentationPayload(presentation) };
      },
    ),
  );

  socket.on(
    "presentation:stop",
    command(socket, sittingRef, async ({ sittingId }) => {
      stopPresenting({ reader: getReader(socket.data.userId), sittingId });
      await announcePresentation(sittingId, null);
      return {};
    }),
  );
}
