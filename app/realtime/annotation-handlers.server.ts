import { z } from "zod";
import { annotationInput, deleteAnnotation, listAnnotations, saveAnnotation } from "~/models/annotation.server";
import { getReader } from "~/models/user.server";
import { command } from "./commands.server";
import type { AnnotationPayload } from "./events";
import { rooms, type AppServerSocket } from "./server.server";

const versionRef = z.object({ versionId: z.string().uuid() });
const annotationRef = z.object({ id: z.string().uuid() });

export function registerAnnotationHandlers(socket: AppServerSocket) {
  const reader = () => getReader(socket.data.userId);

  socket.on(
    "doc:join",
    command(socket, versionRef, async ({ versionId }) => {
      const annotations = listAnnotations({ versionId, reader: reader() });
      await socket.join(rooms.doc(versionId));
      return { annotations: annotations as AnnotationPayload[] };
    }),
  );

  socket.on(
    "doc:leave",
    command(socket, versionRef, async ({ versionId }) => {
      await socket.leave(rooms.doc(versionId));
      return {};
    }),
  );

  socket.on(
    "annotation:save",
    command(socket, annotationInput, (input) => {
      const { annotation, wasShared } = saveAnnotation({ reader: reader(), input });
      const payload = annotation as AnnotationPayload;
      // After the commit: the author's other devices, and the readers of the document when shared.
      socket.to(rooms.user(socket.data.userId)).emit("annotation:saved", { annotation: payload });
      if (payload.shared) socket.to(rooms.doc(payload.versionId)).except(rooms.user(socket.data.userId)).emit("annotation:saved", { annotation: payload });
      else if (wasShared) socket.to(rooms.doc(payload.versionId)).except(rooms.user(socket.data.userId)).emit("annotation:deleted", { id: payload.id, versionId: payload.versionId });
      return { annotation: payload };
    }),
  );

  socket.on(
    "annotation:delete",
    command(socket, annotationRef, ({ id }) => {
      const removed = deleteAnnotation({ reader: reader(), id });
      if (removed) {
        const room = removed.shared ? [rooms.user(socket.data.userId), rooms.doc(removed.versionId)] : [rooms.user(socket.data.userId)];
        socket.to(room).emit("annotation:deleted", { id, versionId: removed.versionId });
      }
      return {};
    }),
  );
}
