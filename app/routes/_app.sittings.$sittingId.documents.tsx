import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useFetcher, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { confidentialities } from "#db/schema";
import { actorFrom, requirePermission } from "~/auth/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors } from "~/components/forms";
import { AgendaItemOptions, ConfidentialityOptions, DocumentTypeOptions, UploadPanel } from "~/components/upload-panel";
import { useLocale } from "~/components/use-user";
import { env } from "~/env.server";
import { throwHttp } from "~/http-errors.server";
import { formatDateTime } from "~/i18n/format";
import { getT } from "~/i18n/i18n";
import { listAgenda } from "~/models/agenda.server";
import { AppError } from "~/models/app-error";
import { listSittingDocuments, updateDocumentMeta } from "~/models/document.server";
import { getSittingForReader, invitationDeadline } from "~/models/sitting.server";
import { announceSittingChange } from "~/realtime/sitting-broadcast.server";

const metaSchema = z.object({
  documentId: z.string().uuid(),
  type: z.string().trim().min(1).max(20),
  reference: z.string().trim().max(100).optional(),
  summary: z.string().trim().min(1, "documents.errors.summaryRequired").max(1000),
  confidentiality: z.enum(confidentialities),
  agendaItemId: z.string().optional(),
});

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user } = requirePermission(context, request, "manage:document:any");
  const sitting = throwHttp(() => getSittingForReader({ sittingId: params.sittingId ?? "", reader: user }));
  return {
    sitting,
    agenda: listAgenda(sitting.id).map((i) => ({ id: i.id, position: i.position, title: i.title })),
    documents: listSittingDocuments({ sittingId: sitting.id, reader: user }),
    maxMb: env.MAX_UPLOAD_MB,
    documentsDueBy: invitationDeadline(sitting.id).documentsDueBy.toISOString(),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user } = requirePermission(context, request, "manage:document:any");
  const t = getT(context.locale);
  const parsed = metaSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ ok: false as const, message: t(parsed.error.issues[0]?.message ?? "realtime.errors.invalid", { defaultValue: t("realtime.errors.invalid") }) }, { status: 400 });
  try {
    const { documentId, ...meta } = parsed.data;
    updateDocumentMeta({ actor: actorFrom(context), reader: user, sittingId: params.sittingId ?? "", documentId, meta: { ...meta, agendaItemId: meta.agendaItemId || null } });
    announceSittingChange(params.sittingId ?? "", "documents");
    return { ok: true as const, message: t("documents.saved") };
  } catch (error) {
    if (error instanceof AppError) return data({ ok: false as const, message: t(error.message, error.params) }, { status: error.status });
    throw error;
  }
}

export default function DocumentsTab() {
  const { sitting, agenda, documents, maxMb, documentsDueBy } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <div className="stack">
      <section className="card" aria-labelledby="upload-heading">
        <h2 id="upload-heading">{t("documents.upload.title")}</h2>
        <p className={Date.now() > Date.parse(documentsDueBy) ? "notice warning" : "muted"} data-testid="documents-due">
          {t("meetings.deadlines.documentsDue", { date: formatDateTime(new Date(documentsDueBy), locale) })}
          {Date.now() > Date.parse(documentsDueBy) ? ` ${t("meetings.deadlines.documentsLate")}` : ""}
        </p>
        <UploadPanel sittingId={sitting.id} agenda={agenda} maxMb={maxMb} />
      </section>
      <section className="card" aria-labelledby="docs-heading">
        <h2 id="docs-heading">{t("documents.title")}</h2>
        {documents.length === 0 ? (
          <p className="muted">{t("documents.none")}</p>
        ) : (
          <ul className="doc-list" data-testid="document-list">
            {documents.map((doc) => {
              const latest = doc.versions[0];
              return (
                <li key={doc.id} data-testid="document">
                  <div className="row">
                    <strong>
                      {t(`documents.types.${doc.type}`, { defaultValue: doc.type })}
                      {doc.reference ? ` ${doc.reference}` : ""} — {doc.summary}
                    </strong>
                    <span className={`badge${doc.confidentiality === "confidential" ? " danger" : ""}`}>{t(`documents.confidentiality.${doc.confidentiality}`)}</span>
                    {latest ? (
                      <Link className="button secondary" to={`/signoffs/new?versionId=${latest.id}`} aria-label={`${t("signoff.send")}: ${doc.summary}`}>
                        {t("signoff.send")}
                      </Link>
                    ) : null}
                  </div>
                  {doc.agendaTitle ? (
                    <div className="muted">
                      {doc.agendaPosition}. {doc.agendaTitle}
                    </div>
                  ) : null}
                  {latest ? (
                    <div className="muted" data-testid="index-status" data-status={latest.textStatus}>
                      {t("documents.pages", { count: latest.pageCount ?? 0 })} ·{" "}
                      {latest.textStatus === "running"
                        ? t("documents.index.running", { done: latest.textPagesDone, total: latest.pageCount ?? 0 })
                        : t(`documents.index.${latest.textStatus}`)}
                    </div>
                  ) : null}
                  <details>
                    <summary>{t("documents.versions")}</summary>
                    <ul>
                      {doc.versions.map((v) => (
                        <li key={v.id}>
                          <a href={`/files/${v.id}`} target="_blank" rel="noreferrer">
                            {t("documents.version", { version: v.version })} — {v.fileName}
                          </a>{" "}
                          <span className="muted">{formatDateTime(new Date(v.createdAt), locale)}</span>
                        </li>
                      ))}
                    </ul>
                    <UploadPanel sittingId={sitting.id} agenda={agenda} maxMb={maxMb} documentId={doc.id} />
                  </details>
                  <details>
                    <summary>{t("documents.edit")}</summary>
                    <MetaForm doc={doc} agenda={agenda} />
                  </details>
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </div>
  );
}

type Doc = ReturnType<typeof useLoaderData<typeof loader>>["documents"][number];

function MetaForm({ doc, agenda }: { doc: Doc; agenda: { id: string; position: number; title: string }[] }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<typeof action>();
  const id = (name: string) => `${doc.id}-${name}`;
  return (
    <fetcher.Form method="post" className="form-grid">
      <input type="hidden" name="documentId" value={doc.id} />
      <div className="field">
        <label htmlFor={id("type")}>{t("documents.fields.type")}</label>
        <select id={id("type")} name="type" defaultValue={doc.type}>
          <DocumentTypeOptions />
        </select>
      </div>
      <div className="field">
        <label htmlFor={id("reference")}>{t("documents.fields.reference")}</label>
        <input id={id("reference")} name="reference" defaultValue={doc.reference ?? ""} />
      </div>
      <div className="field">
        <label htmlFor={id("summary")}>{t("documents.fields.summary")}</label>
        <input id={id("summary")} name="summary" defaultValue={doc.summary} required />
      </div>
      <div className="field">
        <label htmlFor={id("conf")}>{t("documents.fields.confidentiality")}</label>
        <select id={id("conf")} name="confidentiality" defaultValue={doc.confidentiality}>
          <ConfidentialityOptions />
        </select>
      </div>
      <div className="field">
        <label htmlFor={id("item")}>{t("documents.fields.agendaItem")}</label>
        <select id={id("item")} name="agendaItemId" defaultValue={doc.agendaItemId ?? ""}>
          <AgendaItemOptions agenda={agenda} />
        </select>
      </div>
      <div className="field">
        <button type="submit" className="button secondary">
          {t("meetings.save")}
        </button>
        {fetcher.data ? fetcher.data.ok ? <span role="status">{fetcher.data.message}</span> : <FormErrors errors={[fetcher.data.message]} /> : null}
      </div>
    </fetcher.Form>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
