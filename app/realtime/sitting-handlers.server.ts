import { z } from "zod";
import { getSittingForReader } from "~/models/sitting.server";
import { command } from "./commands.server";
import { rooms, type AppServerSocket } from "./server.server";

const sittingRef = z.object({ sittingId: z.string().uuid() });

export function registerSittingHandlers(socket: AppServerSocket) {
  const reader = { id: socket.data.userId, role: socket.data.role };

  socket.on(
    "sitting:join",
    command(socket, sittingRef, async ({ sittingId }) => {
      const sitting = getSittingForReader({ sittingId, reader });
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
