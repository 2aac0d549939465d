import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { requireAuth } from "~/auth/guards.server";
import { CarryForwardPanel } from "~/components/carry-forward-panel";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PdfViewer } from "~/components/pdf-viewer";
import { PresentationBar } from "~/components/presentation-bar";
import { useUser } from "~/components/use-user";
import { throwHttp } from "~/http-errors.server";
import { getT } from "~/i18n/i18n";
import { AppError } from "~/models/app-error";
import { carryForward, carryForwardOffer } from "~/models/carry-forward.server";
import { getVersionForReader, latestVersionOf, readerName } from "~/models/document.server";
import { canConduct, getSittingForReader } from "~/models/sitting.server";
import { pdfjsVersion } from "~/pdf/pdfjs-assets.server";
import { announceAnnotations } from "~/realtime/broadcast.server";
import { usePresentation } from "~/realtime/use-presentation";
import { toastHeaders } from "~/toast.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.summary} — PhòngHọp` : "PhòngHọp" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user } = requireAuth(context, request);
  const version = throwHttp(() => getVersionForReader({ versionId: params.versionId ?? "", reader: user }));
  const confidential = version.document.confidentiality === "confidential";
  const sittingId = version.document.sittingId;
  const latest = latestVersionOf(version.documentId);
  return {
    versionId: version.id,
    summary: version.document.summary,
    type: version.document.type,
    reference: version.document.reference,
    version: version.version,
    pageCount: version.pageCount,
    sittingId,
    canPresent: sittingId ? canConduct(getSittingForReader({ sittingId, reader: user }), user) : false,
    confidential,
    reader: confidential ? readerName(user.id) : null,
    pdfjsVersion,
    latest: latest.id === version.id ? null : latest,
    carry: carryForwardOffer({ versionId: version.id, reader: user }),
  };
}

const carrySchema = z.object({ from: z.string().uuid(), pages: z.array(z.coerce.number().int().min(1)).min(1) });

/** Carries the reader's marks on the chosen pages of an earlier version to this one. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user } = requireAuth(context, request);
  const t = getT(context.locale);
  const form = await request.formData();
  const parsed = carrySchema.safeParse({ from: form.get("from"), pages: form.getAll("page") });
  if (!parsed.success) return data({ error: t("annotations.carry.choosePages") }, { status: 400 });
  try {
    const versionId = params.versionId ?? "";
    const { version, carried } = carryForward({ reader: user, versionId, fromVersionId: parsed.data.from, pages: parsed.data.pages });
    announceAnnotations(carried);
    return redirect(`/documents/${versionId}`, { headers: await toastHeaders({ kind: "success", message: "annotations.carry.done", params: { count: carried.length, to: version } }) });
  } catch (error) {
    if (error instanceof AppError) return data({ error: t(error.message, error.params) }, { status: error.status });
    throw error;
  }
}

export default function DocumentViewerPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const { hash } = useLocation();
  const user = useUser();
  const initialPage = Number(/page=(\d+)/.exec(hash)?.[1] ?? 1);
  const presentation = usePresentation(data.sittingId);
  const [page, setPage] = useState(initialPage);
  const [pageRequest, setPageRequest] = useState<{
    page: number;
    key: string;
  } | null>(null);
  return (
    <div className="viewer-page-layout">
      <div className="page-header">
        <div>
          {data.sittingId ? (
            <p className="muted breadcrumb">
              <Link to={`/sittings/${data.sittingId}`}>{t("viewer.back")}</Link>
            </p>
          ) : null}
          <h1 className="viewer-title">
            {t(`documents.types.${data.type}`, { defaultValue: data.type })}
            {data.reference ? ` ${data.reference}` : ""} — {data.summary}
          </h1>
          {data.confidential && data.reader ? <p className="badge danger">{t("viewer.confidential", { name: data.reader })}</p> : null}
        </div>
        <div className="row">
          <a className="button secondary" href={`/files/${data.versionId}`} download>
            {t("viewer.download")}
          </a>
          <a className="button secondary" href={`/documents/${data.versionId}/annotated.pdf`} download>
            {t("viewer.downloadAnnotated")}
          </a>
          <a className="button secondary" href={`/documents/${data.versionId}/annotated.pdf?shared=1`} download>
            {t("viewer.downloadAnnotatedShared")}
          </a>
        </div>
      </div>
      {data.latest ? (
        <p className="notice warning">
          {t("viewer.olderVersion", { version: data.version, latest: data.latest.version })} <Link to={`/documents/${data.latest.id}`}>{t("viewer.openLatest")}</Link>
        </p>
      ) : null}
      {data.carry ? <CarryForwardPanel offer={data.carry} versionId={data.versionId} error={actionData?.error} /> : null}
      {data.sittingId ? (
        <PresentationBar
          state={presentation}
          me={user.id}
          here={{
            versionId: data.versionId,
            page,
            canPresent: data.canPresent,
            onFollow: (p) => setPageRequest({ page: p, key: `${p}-${Date.now()}` }),
          }}
        />
      ) : null}
      <PdfViewer
        url={`/files/${data.versionId}`}
        pdfjsVersion={data.pdfjsVersion}
        initialPage={initialPage}
        onPageChange={setPage}
        pageRequest={pageRequest}
        watermark={data.confidential && data.reader ? [data.reader] : undefined}
        annotate={{
          versionId: data.versionId,
          me: { id: user.id, fullName: user.fullName },
        }}
      />
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
