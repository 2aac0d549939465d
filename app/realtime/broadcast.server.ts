// Broadcasts after a commit to users and document readers. Routes and socket handlers call these once the model has
// returned. What a sitting tells those who follow it is in sitting-broadcast.server.ts.
import type { StoredNotification } from "~/models/notification.server";
import type { AnnotationPayload } from "./events";
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

/** To the signing leader's devices: how far signing has got (docs/realtime.md, `signoff:progress`). */
export function announceSigningProgress(userId: string, payload: { signoffId: string; stage: "preparing" | "numbering" | "signing" | "sealing" | "storing" | "done" | "failed"; message?: string }) {
  getRealtimeIfAttached()?.to(rooms.user(userId)).emit("signoff:progress", payload);
}
