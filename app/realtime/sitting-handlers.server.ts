import { z } from "zod";
import { getPresentation, presentationFor, presentationPayload, presentPage, stopPresenting } from "~/models/presentation.server";
import { getSittingForReader } from "~/models/sitting.server";
import { getReader } from "~/models/user.server";
import { announcePresentation } from "./broadcast.server";
import { command } from "./commands.server";
import { rooms, type AppServerSocket } from "./server.server";

const sittingRef = z.object({ sittingId: z.string().uuid() });

export function registerSittingHandlers(socket: AppServerSocket) {
  socket.on(
    "sitting:join",
    command(socket, sittingRef, async ({ sittingId }) => {
      // Rights are read now, not at connect time: a role may have changed since.
      const reader = getReader(socket.data.userId);
      const sitting = getSittingForReader({ sittingId, reader });
      await socket.join(rooms.meeting(sittingId));
      if (sitting.canManage) await socket.join(rooms.meetingStaff(sittingId));
      return {
        staff: sitting.canManage,
        presentation: presentationFor(getPresentation(sittingId), reader),
      };
    }),
  );

  socket.on(
    "sitting:leave",
    command(socket, sittingRef, async ({ sittingId }) => {
      await socket.leave(rooms.meeting(sittingId));
      await socket.leave(rooms.meetingStaff(sittingId));
      return {};
    }),
  );

  socket.on(
    "presentation:set",
    command(
      socket,
      sittingRef.extend({
        versionId: z.string().uuid(),
        page: z.number().int().min(1).max(100_000),
      }),
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
