// Broadcasts after a commit. Routes and socket handlers call these once the model has returned.
import type { StoredNotification } from "~/models/notification.server";
import { presentationFor, presentationPayload, type Presentation } from "~/models/presentation.server";
import { getReader } from "~/models/user.server";
import type { AnnotationPayload, ServerToClientEvents, SittingPart } from "./events";
import { getRealtimeIfAttached, rooms } from "./server.server";

export function pushNotifications(items: StoredNotification[]) {
  const io = getRealtimeIfAttached();
  if (!io) return;
  for (const n of items) {
    io.to(rooms.user(n.userId)).emit("notification", {
      id: n.id,
      kind: n.kind,
      message: n.message,
      params: n.params,
      href: n.href,
      at: n.createdAt.toISOString(),
    });
  }
}

export function announceSittingChange(sittingId: string, what: SittingPart, revision?: number) {
  getRealtimeIfAttached()?.to(rooms.meeting(sittingId)).emit("sitting:changed", { sittingId, what, revision });
}

export function announceReply(payload: Parameters<ServerToClientEvents["sitting:replied"]>[0]) {
  getRealtimeIfAttached()?.to(rooms.meetingStaff(payload.sittingId)).emit("sitting:replied", payload);
}

/**
 * The presented page, to everyone following the sitting. A confidential document's page goes only to those who may
 * read it; the others are told nothing is presented.
 */
export async function announcePresentation(sittingId: string, presentation: Presentation | null) {
  const io = getRealtimeIfAttached();
  if (!io) return;
  if (!presentation || presentation.confidentiality !== "confidential") {
    io.to(rooms.meeting(sittingId)).emit("presentation:changed", {
      sittingId,
      presentation: presentation && presentationPayload(presentation),
    });
    return;
  }
  for (const socket of await io.in(rooms.meeting(sittingId)).fetchSockets()) {
    // A hall screen by link has no reader: it is shown no confidential page.
    const shown = socket.data.screenSittingId ? null : presentationFor(presentation, getReader(socket.data.userId));
    socket.emit("presentation:changed", { sittingId, presentation: shown });
  }
}

/**
 * Marks created outside a socket command (carried forward from an earlier version): to all the author's devices, and
 * to the document's readers when shared.
 */
export function announceAnnotations(list: AnnotationPayload[]) {
  const io = getRealtimeIfAttached();
  if (!io) return;
  for (const annotation of list) {
    io.to(rooms.user(annotation.userId)).emit("annotation:saved", { annotation });
    if (annotation.shared) io.to(rooms.doc(annotation.versionId)).except(rooms.user(annotation.userId)).emit("annotation:saved", { annotation });
  }
}
