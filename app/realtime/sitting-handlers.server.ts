import { z } from "zod";
import { getSittingForReader } from "~/models/sitting.server";
import { getReader } from "~/models/user.server";
import { command } from "./commands.server";
import { rooms, type AppServerSocket } from "./server.server";

const sittingRef = z.object({ sittingId: z.string().uuid() });

export function registerSittingHandlers(socket: AppServerSocket) {
  socket.on(
    "sitting:join",
    command(socket, sittingRef, async ({ sittingId }) => {
      // Rights are read now, not at connect time: a role may have changed since.
      const sitting = getSittingForReader({ sittingId, reader: getReader(socket.data.userId) });
      await socket.join(rooms.meeting(sittingId));
      if (sitting.canManage) await socket.join(rooms.meetingStaff(sittingId));
      return { staff: sitting.canManage };
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
}
