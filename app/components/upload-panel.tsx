import { useRevalidator } from "@remix-run/react";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";

type AgendaOption = { id: string; position: number; title: string };

type Row = {
  key: string;
  file: File;
  type: string;
  reference: string;
  summary: string;
  confidentiality: "public" | "internal" | "confidential";
  agendaItemId: string;
  state: "waiting" | "uploading" | "processing" | "done" | "failed";
  percent: number;
  message: string;
};

export const documentTypes = ["TTr", "BC", "BCTT", "DTNQ", "NQ", "QD", "KH", "CTr", "TB", "BB", "CV", "GM", "KHAC"] as const;

/** The <option>s of the document metadata selects, shared by the upload panel and the "edit details" form. */
export function DocumentTypeOptions() {
  const { t } = useTranslation();
  return documentTypes.map((type) => (
    <option key={type} value={type}>
      {t(`documents.types.${type}`)}
    </option>
  ));
}

export function ConfidentialityOptions() {
  const { t } = useTranslation();
  return (["public", "internal", "confidential"] as const).map((c) => (
    <option key={c} value={c}>
      {t(`documents.confidentiality.${c}`)}
    </option>
  ));
}

export function AgendaItemOptions({ agenda }: { agenda: AgendaOption[] }) {
  const { t } = useTranslation();
  return (
    <>
      <option value="">{t("documents.fields.noAgendaItem")}</option>
      {agenda.map((item) => (
        <option key={item.id} value={item.id}>
          {item.position}. {item.title}
        </option>
      ))}
    </>
  );
}

/**
 * Several PDFs at once, each with its metadata and its own progress bar. Each file is one request, sent with
 * XMLHttpRequest because fetch() reports no upload progress. Files over the limit are refused before sending.
 */
export function UploadPanel({ sittingId, agenda, maxMb, documentId }: { sittingId: string; agenda: AgendaOption[]; maxMb: number; documentId?: string }) {
  const { t } = useTranslation();
  const revalidator = useRevalidator();
  const [rows, setRows] = useState<Row[]>([]);
  const input = useRef<HTMLInputElement>(null);
  const busy = rows.some((r) => r.state === "uploading" || r.state === "processing");

  const update = (key: string, patch: Partial<Row>) => setRows((all) => all.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  function add(files: FileList | null) {
    if (!files) return;
    const added = [...files].map((file, i): Row => ({
      key: `${Date.now()}-${i}-${file.name}`,
      file,
      type: "TTr",
      reference: "",
      summary: file.name.replace(/\.pdf$/i, "").normalize("NFC"),
      confidentiality: "internal",
      agendaItemId: "",
      state: "waiting",
      percent: 0,
      message: "",
    }));
    setRows((all) => [...all, ...added]);
    if (input.current) input.current.value = "";
  }

  function send(row: Row) {
    if (row.file.size > maxMb * 1024 * 1024) {
      update(row.key, { state: "failed", message: t("documents.refused.too_large", { file: row.file.name, mb: maxMb }) });
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const body = new FormData();
      if (documentId) body.append("documentId", documentId);
      body.append("type", row.type);
      body.append("reference", row.reference);
      body.append("summary", row.summary);
      body.append("confidentiality", row.confidentiality);
      body.append("agendaItemId", row.agendaItemId);
      body.append("file", row.file, row.file.name);
      const xhr = new XMLHttpRequest();
      xhr.open("POST", `/sittings/${sittingId}/upload`);
      xhr.responseType = "json";
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable) update(row.key, { state: "uploading", percent: Math.round((e.loaded / e.total) * 100) });
      };
      xhr.upload.onload = () => update(row.key, { state: "processing", percent: 100 });
      xhr.onload = () => {
        const reply = xhr.response as { ok: boolean; message?: string; notices?: string[] } | null;
        // Accepted after a repair or decryption: what was done to the file stays in view.
        if (xhr.status < 300 && reply?.ok) update(row.key, { state: "done", percent: 100, message: (reply.notices ?? []).join(" ") });
        else update(row.key, { state: "failed", message: reply?.message ?? t("errorPage.server.body") });
        resolve();
      };
      xhr.onerror = () => {
        update(row.key, { state: "failed", message: t("documents.upload.network") });
        resolve();
      };
      update(row.key, { state: "uploading", percent: 0, message: "" });
      xhr.send(body);
    });
  }

  async function sendAll() {
    const waiting = rows.filter((r) => r.state === "waiting" || r.state === "failed");
    // Two at a time: parallel enough to fill the line, gentle on a hall's Wi-Fi.
    const queue = [...waiting];
    await Promise.all([0, 1].map(async () => {
      for (let row = queue.shift(); row; row = queue.shift()) await send(row);
    }));
    revalidator.revalidate();
  }

  const inputId = `upload-${documentId ?? sittingId}`;
  return (
    <div className="upload-panel">
      <div className="field">
        <label htmlFor={inputId}>{documentId ? t("documents.newVersion") : t("documents.upload.choose")}</label>
        <input id={inputId} ref={input} type="file" accept="application/pdf,.pdf" multiple={!documentId} onChange={(e) => add(e.target.files)} aria-describedby={`${inputId}-hint`} />
        <span className="hint" id={`${inputId}-hint`}>
          {t("documents.upload.chooseHint", { mb: maxMb })}
        </span>
      </div>
      {rows.length ? (
        <ul className="upload-list" data-testid="upload-list">
          {rows.map((row) => (
            <li key={row.key} className={`upload-row ${row.state}`} data-state={row.state}>
              <div className="row">
                <strong>{row.file.name}</strong>
                <span className="muted">{(row.file.size / 1048576).toFixed(1)} MB</span>
                {row.state === "waiting" ? (
                  <button type="button" className="button link" onClick={() => setRows((all) => all.filter((r) => r.key !== row.key))}>
                    {t("documents.upload.remove")}
                  </button>
                ) : null}
              </div>
              {!documentId && (row.state === "waiting" || row.state === "failed") ? (
                <div className="form-grid">
                  <div className="field">
                    <label htmlFor={`${row.key}-type`}>{t("documents.fields.type")}</label>
                    <select id={`${row.key}-type`} value={row.type} onChange={(e) => update(row.key, { type: e.target.value })}>
                      <DocumentTypeOptions />
                    </select>
                  </div>
                  <div className="field">
                    <label htmlFor={`${row.key}-ref`}>{t("documents.fields.reference")}</label>
                    <input id={`${row.key}-ref`} value={row.reference} placeholder={t("documents.fields.referenceHint")} onChange={(e) => update(row.key, { reference: e.target.value })} />
                  </div>
                  <div className="field">
                    <label htmlFor={`${row.key}-summary`}>{t("documents.fields.summary")}</label>
                    <input id={`${row.key}-summary`} value={row.summary} onChange={(e) => update(row.key, { summary: e.target.value })} />
                  </div>
                  <div className="field">
                    <label htmlFor={`${row.key}-conf`}>{t("documents.fields.confidentiality")}</label>
                    <select id={`${row.key}-conf`} value={row.confidentiality} onChange={(e) => update(row.key, { confidentiality: e.target.value as Row["confidentiality"] })}>
                      <ConfidentialityOptions />
                    </select>
                  </div>
                  <div className="field">
                    <label htmlFor={`${row.key}-item`}>{t("documents.fields.agendaItem")}</label>
                    <select id={`${row.key}-item`} value={row.agendaItemId} onChange={(e) => update(row.key, { agendaItemId: e.target.value })}>
                      <AgendaItemOptions agenda={agenda} />
                    </select>
                  </div>
                </div>
              ) : null}
              {row.state !== "waiting" ? (
                <>
                  <progress max={100} value={row.percent} aria-label={t("documents.upload.progressLabel", { file: row.file.name })} />
                  <div className="status" role="status">
                    {row.state === "uploading" ? t("documents.upload.uploading", { percent: row.percent }) : null}
                    {row.state === "processing" ? t("documents.upload.checking") : null}
                    {row.state === "done" ? t("documents.upload.done") : null}
                    {row.state === "done" && row.message ? <span className="notice"> {row.message}</span> : null}
                    {row.state === "failed" ? <span className="errors">{row.message}</span> : null}
                  </div>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {rows.some((r) => r.state === "waiting" || r.state === "failed") ? (
        <button type="button" className="button" onClick={sendAll} disabled={busy}>
          {rows.length > 1 ? t("documents.upload.startAll") : t("documents.upload.start")}
        </button>
      ) : null}
    </div>
  );
}
