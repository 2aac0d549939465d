import type { LoaderFunctionArgs } from "@remix-run/node";
import { actorFrom, requireAuth } from "~/auth/guards.server";
import { contentDisposition } from "~/file-response.server";
import { throwHttp, withErrorPage } from "~/http-errors.server";
import { formatDateTime } from "~/i18n/format";
import { getT } from "~/i18n/i18n";
import { listAnnotationsForExport } from "~/models/annotation.server";
import { getVersionForReader, readerName, recordDownload } from "~/models/document.server";
import { buildAnnotatedPdf } from "~/pdf/export-annotations.server";
import { stampWatermark } from "~/pdf/stamp-watermark.server";

// "Tải về kèm ghi chú": the document with the reader's annotations (and, with ?shared=1, the shared ones) as real PDF
// annotations. Confidential documents keep the reader's watermark; every such download is logged.
export async function loader(args: LoaderFunctionArgs) {
  return withErrorPage(args.context.locale, () => serve(args), "viewer.errors.exportFailed");
}

async function serve({ request, context, params }: LoaderFunctionArgs) {
  const { user } = requireAuth(context, request);
  const version = throwHttp(() => getVersionForReader({ versionId: params.versionId ?? "", reader: user }));
  const includeShared = new URL(request.url).searchParams.get("shared") === "1";
  const annotations = listAnnotationsForExport({ versionId: version.id, reader: user, includeShared });
  const confidential = version.document.confidentiality === "confidential";
  const t = getT(context.locale);
  const bytes = await buildAnnotatedPdf(
    version.path,
    annotations.map((a) => ({ ...a, updatedAt: new Date(a.updatedAt) })),
    confidential
      ? (doc) =>
          stampWatermark(doc, {
            lines: [t("documents.watermark.confidential"), readerName(user.id), t("documents.watermark.downloaded", { time: formatDateTime(new Date(), context.locale) })],
          })
      : undefined,
  );
  recordDownload({ actor: actorFrom(context), versionId: version.id, documentId: version.documentId, watermarked: confidential });
  return new Response(bytes as unknown as BodyInit, {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": contentDisposition("attachment", `${version.fileName.replace(/\.pdf$/i, "")} (${t("viewer.annotatedSuffix")}).pdf`),
      "Cache-Control": "private, no-store",
    },
  });
}
