// Signing as the leader sees it (issue #11): every stage told to their devices as it starts (`signoff:progress`), and a
// large file signed in the background so that no request waits minutes; the result arrives as a notification either
// way, and a failure as a message that says what to do. The model (app/models/signoff.server.ts) does the signing.
import { env } from "~/env.server";
import { logger } from "~/logger.server";
import { AppError } from "~/models/app-error";
import type { Actor } from "~/models/audit.server";
import { insertNotifications } from "~/models/notification.server";
import { db } from "~/models/db.server";
import type { Reader } from "~/models/reader";
import { signSignoff, type SignaturePlace } from "~/models/signoff.server";
import { enqueueTextExtraction } from "~/models/text-index.server";
import { announceSigningProgress, pushNotifications } from "./broadcast.server";
import { announceSittingChange } from "./sitting-broadcast.server";

type SignRequest = { actor: Actor; reader: Reader; signoffId: string; place: SignaturePlace | null };

/** Signs and tells everyone concerned; the reference of the issued document. */
async function signAndTell({ actor, reader, signoffId, place }: SignRequest) {
  const tell = (stage: Parameters<typeof announceSigningProgress>[1]["stage"], message?: string) => announceSigningProgress(reader.id, { signoffId, stage, message });
  try {
    const signed = await signSignoff({ actor, reader, signoffId, place, onProgress: (stage) => tell(stage) });
    enqueueTextExtraction(signed.versionId);
    if (signed.sittingId) announceSittingChange(signed.sittingId, "documents");
    pushNotifications(signed.notifications);
    tell("done");
    return signed.reference;
  } catch (error) {
    tell("failed", error instanceof AppError ? error.message : "signoff.errors.signingFailed");
    throw error;
  }
}

/** Whether a file of `bytes` is signed after the request has answered (SIGN_IN_BACKGROUND_MB). */
export function signsInBackground(bytes: number) {
  return bytes > env.SIGN_IN_BACKGROUND_MB * 1024 * 1024;
}

/** Signs within the request (an ordinary file): the answer carries the reference, or the refusal. */
export function signNow(request: SignRequest) {
  return signAndTell(request);
}

/**
 * Starts signing a large file and returns at once. The outcome reaches the leader as a notification (stored, so it is
 * not lost if the page was closed): the issued document's, or one saying signing failed and why.
 */
export function signLater(request: SignRequest) {
  signAndTell(request).catch((error: unknown) => {
    if (!(error instanceof AppError)) logger.error({ err: error, signoffId: request.signoffId }, "signing in the background failed");
    const stored = db.transaction((tx) =>
      insertNotifications(tx, [{ userId: request.reader.id, kind: "signoff.failed", message: "signoff.notifications.failed", href: `/signoffs/${request.signoffId}` }]),
    );
    pushNotifications(stored);
  });
}
