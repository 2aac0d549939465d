import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatMinutes } from "./meeting-format";

type AgendaItem = { id: string; position: number; title: string; description: string | null; presenter: string | null; plannedMinutes: number | null };
type Doc = {
  id: string;
  type: string;
  reference: string | null;
  summary: string;
  confidentiality: string;
  agendaItemId: string | null;
  latest: { id: string; version: number; pageCount: number | null; fileName: string } | null;
};

/** The agenda as participants read it: each item with its presenter, planned time and documents. */
export function AgendaView({ agenda, documents, totalMinutes }: { agenda: AgendaItem[]; documents: Doc[]; totalMinutes: number }) {
  const { t } = useTranslation();
  const general = documents.filter((d) => !d.agendaItemId || !agenda.some((i) => i.id === d.agendaItemId));
  if (!agenda.length && !documents.length) return <p className="muted">{t("meetings.agenda.empty")}</p>;
  return (
    <>
      <ol className="agenda-list" data-testid="agenda">
        {agenda.map((item) => (
          <li key={item.id} className="agenda-item">
            <span className="number" aria-hidden="true">
              {item.position}.
            </span>
            <div>
              <strong>{item.title}</strong>
              {item.presenter ? <div className="muted">{item.presenter}</div> : null}
              {item.description ? <p>{item.description}</p> : null}
              <DocumentLinks documents={documents.filter((d) => d.agendaItemId === item.id)} />
            </div>
            <span className="muted">{item.plannedMinutes ? formatMinutes(t, item.plannedMinutes) : ""}</span>
          </li>
        ))}
      </ol>
      {agenda.length ? <p className="muted">{t("meetings.agenda.total", { time: formatMinutes(t, totalMinutes) })}</p> : null}
      {general.length ? (
        <>
          <h3>{t("documents.title")}</h3>
          <DocumentLinks documents={general} />
        </>
      ) : null}
    </>
  );
}

export function DocumentLinks({ documents }: { documents: Doc[] }) {
  const { t } = useTranslation();
  if (!documents.length) return null;
  return (
    <ul className="docs">
      {documents.map((d) =>
        d.latest ? (
          <li key={d.id}>
            <Link to={`/documents/${d.latest.id}`}>
              {t(`documents.types.${d.type}`, { defaultValue: d.type })}
              {d.reference ? ` ${d.reference}` : ""} — {d.summary}
            </Link>{" "}
            <span className="muted">
              ({t("documents.pages", { count: d.latest.pageCount ?? 0 })}
              {d.latest.version > 1 ? `, ${t("documents.version", { version: d.latest.version })}` : ""})
            </span>
            {d.confidentiality === "confidential" ? <span className="badge danger"> {t("documents.confidentiality.confidential")}</span> : null}
          </li>
        ) : null,
      )}
    </ul>
  );
}
