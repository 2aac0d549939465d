import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { confidentialities } from "#db/schema";
import { actorFrom } from "~/auth/guards.server";
import { can } from "~/auth/permissions";
import { getT } from "~/i18n/i18n";
import { AppError } from "~/models/app-error";
import { addDocumentVersion, createDocument } from "~/models/document.server";
import { maxUploadBytes, removeTemp } from "~/models/files.server";
import { enqueueTextExtraction } from "~/models/text-index.server";
import { pushNotifications } from "~/realtime/broadcast.server";
import { announceSittingChange } from "~/realtime/sitting-broadcast.server";
import { receiveUpload } from "~/uploads.server";

// A resource route: answers are plain JSON Responses (with their status), not Remix data.
// One PDF per request (the page sends several in parallel, each with its own progress bar). Answers JSON:
// { ok: true, documentId, versionId, intake, notices } — `intake` what happened to the file on its way in (clean,
// repaired, damaged_streams, decrypted), `notices` what to tell the secretary of it — or { ok: false, message, reason },
// with the messages in the user's language.
const metaSchema = z.object({
  documentId: z.string().uuid().optional(),
  type: z.string().trim().min(1).max(20).default("KHAC"),
  reference: z.string().trim().max(100).optional(),
  summary: z.string().trim().max(1000).optional(),
  confidentiality: z.enum(confidentialities).default("internal"),
  agendaItemId: z.string().uuid().optional().or(z.literal("").transform(() => undefined)),
});

export async function action({ request, context, params }: ActionFunctionArgs) {
  const t = getT(context.locale);
  if (!context.auth) return Response.json({ ok: false, message: t("errorPage.unauthenticated.body") }, { status: 401 });
  if (!can(context.auth.user, "manage:document:any")) return Response.json({ ok: false, message: t("errorPage.forbidden.title") }, { status: 403 });
  const { user } = context.auth;
  const sittingId = params.sittingId ?? "";
  const upload = await receiveUpload(request);
  // `reason`: the refusal's own name (documents.refused.<reason>), for clients that act on it.
  const refuse = (key: string, status = 400, params: Record<string, unknown> = {}) =>
    Response.json(
      { ok: false, message: t(key, { file: upload.fileName, mb: Math.round(maxUploadBytes / 1048576), ...params }), reason: key.startsWith("documents.refused.") ? key.split(".").pop() : undefined },
      { status },
    );

  if (upload.refused === "too_large") return refuse("documents.refused.too_large", 413);
  if (!upload.file) return refuse("documents.refused.missing");
  const file = upload.file;
  if (file.size === 0) {
    await removeTemp(file.path);
    return refuse("documents.refused.empty");
  }
  const meta = metaSchema.safeParse(upload.fields);
  if (!meta.success) {
    await removeTemp(file.path);
    return Response.json({ ok: false, message: t("realtime.errors.invalid") }, { status: 400 });
  }
  const actor = actorFrom(context);
  try {
    if (meta.data.documentId) {
      const result = await addDocumentVersion({ actor, reader: user, sittingId, documentId: meta.data.documentId, file });
      pushNotifications(result.notifications);
      announceSittingChange(sittingId, "documents");
      enqueueTextExtraction(result.versionId);
      return Response.json({ ok: true, documentId: meta.data.documentId, versionId: result.versionId, ...told(result.intake) });
    }
    const summary = meta.data.summary || file.fileName.replace(/\.pdf$/i, "");
    const result = await createDocument({ actor, reader: user, sittingId, file, meta: { ...meta.data, summary } });
    pushNotifications(result.notifications);
    announceSittingChange(sittingId, "documents");
    enqueueTextExtraction(result.versionId);
    return Response.json({ ok: true, documentId: result.documentId, versionId: result.versionId, ...told(result.intake) });
  } catch (error) {
    if (error instanceof AppError) return refuse(error.message, error.status, error.params);
    throw error;
  }

  function told(intake: { kind: string; notes: { key: string; params?: Record<string, string> }[] }) {
    return { intake: intake.kind, notices: intake.notes.map((note) => t(`documents.intake.${note.key}`, { file: file.fileName, ...note.params })) };
  }
}
