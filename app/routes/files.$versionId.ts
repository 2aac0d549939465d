import type { LoaderFunctionArgs } from "@remix-run/node";
import { actorFrom, requireAuth } from "~/auth/guards.server";
import { bytesResponse, fileResponse } from "~/file-response.server";
import { formatDateTime } from "~/i18n/format";
import { getT } from "~/i18n/i18n";
import { throwHttp, withErrorPage } from "~/http-errors.server";
import { getVersionForReader, readerName, recordDownload } from "~/models/document.server";
import { watermarkPdfFile } from "~/pdf/stamp-watermark.server";

// A document version's file. Confidential documents are watermarked for the reader and every download is logged.
export async function loader(args: LoaderFunctionArgs) {
  return withErrorPage(args.context.locale, () => serve(args), "viewer.errors.downloadFailed");
}

async function serve({ request, context, params }: LoaderFunctionArgs) {
  const { user } = requireAuth(context, request);
  const version = throwHttp(() => getVersionForReader({ versionId: params.versionId ?? "", reader: user }));
  const actor = actorFrom(context);
  if (version.document.confidentiality === "confidential") {
    const t = getT(context.locale);
    const now = new Date();
    const bytes = await watermarkPdfFile(version.path, [
      t("documents.watermark.confidential"),
      readerName(user.id),
      t("documents.watermark.downloaded", { time: formatDateTime(now, context.locale) }),
    ]);
    recordDownload({ actor, versionId: version.id, documentId: version.documentId, watermarked: true });
    return bytesResponse(bytes, version.fileName);
  }
  // Range requests are parts of one reading: log the first request of a download, not every chunk.
  const range = request.headers.get("range");
  if (!range || range.startsWith("bytes=0-")) recordDownload({ actor, versionId: version.id, documentId: version.documentId, watermarked: false });
  return fileResponse(request, { path: version.path, etag: version.sha256, fileName: version.fileName });
}
