// The search index of document text, filled off the request path: one job at a time, in this process.
// Progress is stored on the version (textStatus, textPagesDone) so every page shows it, and is announced live.
import { eq, inArray, sql } from "drizzle-orm";
import { documents, documentVersions, participants, sittings } from "#db/schema";
import { can } from "~/auth/permissions";
import { logger } from "~/logger.server";
import { extractText } from "~/pdf/extract-text.server";
import { db, type Tx } from "./db.server";
import { storedFilePath } from "./files.server";
import type { Reader } from "./reader";
import { foldText, toFtsQuery } from "./search-text";

const queue = new Set<string>();

// Told after each committed step of an extraction (the realtime layer announces it; models do not broadcast).
let progressListener: (sittingId: string) => void = () => {};
export function onTextIndexProgress(listener: (sittingId: string) => void) {
  progressListener = listener;
}
let draining: Promise<void> | null = null;

export function enqueueTextExtraction(versionId: string) {
  queue.add(versionId);
  draining ??= drain().finally(() => {
    draining = null;
  });
}

/** After a restart: versions whose extraction never finished go back in the queue. */
export function resumeTextExtraction() {
  const pending = db
    .select({ id: documentVersions.id })
    .from(documentVersions)
    .where(inArray(documentVersions.textStatus, ["pending", "running"]))
    .all();
  for (const { id } of pending) enqueueTextExtraction(id);
}

/** Resolves when the queue is empty (tests, shutdown). */
export async function textExtractionIdle() {
  while (draining) await draining;
}

async function drain() {
  for (const versionId of queue) {
    queue.delete(versionId);
    await indexVersion(versionId).catch((error: unknown) => logger.error({ err: error, versionId }, "text extraction failed"));
  }
}

async function indexVersion(versionId: string) {
  const row = db
    .select({ version: documentVersions, document: documents })
    .from(documentVersions)
    .innerJoin(documents, eq(documents.id, documentVersions.documentId))
    .where(eq(documentVersions.id, versionId))
    .get();
  if (!row) return;
  const { version, document } = row;
  const announce = () => document.sittingId && progressListener(document.sittingId);

  db.transaction((tx) => {
    tx.run(sql`delete from document_search where version_id = ${versionId}`);
    writeMetadataRow(tx, versionId, { ...document, fileName: version.fileName });
    tx.update(documentVersions).set({ textStatus: "running", textPagesDone: 0 }).where(eq(documentVersions.id, versionId)).run();
  });
  announce();

  let lastAnnounced = Date.now();
  try {
    const { pageCount } = await extractText(storedFilePath(version.sha256), (page, text) => {
      const clean = text.normalize("NFC");
      db.transaction((tx) => {
        if (clean.trim()) {
          tx.run(sql`insert into document_search (content, text, version_id, page) values (${foldText(clean)}, ${clean}, ${versionId}, ${page})`);
        }
        tx.update(documentVersions).set({ textPagesDone: page }).where(eq(documentVersions.id, versionId)).run();
      });
      if (Date.now() - lastAnnounced > 1000) {
        lastAnnounced = Date.now();
        announce();
      }
    });
    db.update(documentVersions).set({ textStatus: "done", textPagesDone: pageCount }).where(eq(documentVersions.id, versionId)).run();
  } catch (error) {
    db.update(documentVersions).set({ textStatus: "failed" }).where(eq(documentVersions.id, versionId)).run();
    throw error;
  } finally {
    announce();
  }
}

/** Page 0 of a version in the index: its document's type, số ký hiệu, trích yếu and file name. */
export function writeMetadataRow(tx: Tx, versionId: string, meta: { type: string; reference: string | null; summary: string; fileName: string }) {
  const text = [meta.type, meta.reference, meta.summary, meta.fileName].filter(Boolean).join(" — ").normalize("NFC");
  tx.run(sql`delete from document_search where version_id = ${versionId} and page = 0`);
  tx.run(sql`insert into document_search (content, text, version_id, page) values (${foldText(text)}, ${text}, ${versionId}, 0)`);
}

export type SearchHit = {
  documentId: string;
  versionId: string;
  sittingId: string | null;
  sittingTitle: string | null;
  summary: string;
  reference: string | null;
  type: string;
  page: number;
  snippet: { before: string; match: string; after: string };
};

/**
 * Diacritic-insensitive search over the latest version of every document `reader` may read: its metadata (page 0)
 * and the text of each page. Each hit names its page. Who may read what is decided in the query itself, before the
 * limit, so a reader never gets fewer hits because others' documents ranked higher. The rule is `mayRead`'s
 * (document.server.ts): guests read neither confidential documents nor those of a closed sitting.
 */
export function searchDocuments({ reader, query, limit = 50 }: { reader: Reader; query: string; limit?: number }): SearchHit[] {
  const match = toFtsQuery(query);
  if (!match) return [];
  const staff = can(reader, "read:sitting:any") ? 1 : 0;
  const guest = reader.role === "guest" ? 1 : 0;
  const rows = db.all<{
    version_id: string;
    page: number;
    content: string;
    text: string;
    document_id: string;
    sitting_id: string | null;
    summary: string;
    reference: string | null;
    type: string;
    sitting_title: string | null;
  }>(sql`
    select s.version_id, s.page, s.content, s.text, d.id as document_id, d.sitting_id, d.summary, d.reference, d.type,
           st.title as sitting_title
    from document_search s
    join ${documentVersions} v on v.id = s.version_id
    join ${documents} d on d.id = v.document_id
    left join ${sittings} st on st.id = d.sitting_id
    left join ${participants} p on p.sitting_id = d.sitting_id and p.user_id = ${reader.id}
    where document_search match ${match}
      and v.version = (select max(v2.version) from ${documentVersions} v2 where v2.document_id = d.id)
      and (${staff} = 1 or (p.user_id is not null and st.status <> 'draft'))
      and ((d.confidentiality <> 'confidential' and coalesce(st.closed, 0) = 0) or ${staff} = 1 or (${guest} = 0 and p.role <> 'guest'))
    order by bm25(document_search)
    limit ${limit}
  `);
  const terms = match.split(" ").map((t) => t.slice(1, -2));
  return rows.map((r) => ({
    documentId: r.document_id,
    versionId: r.version_id,
    sittingId: r.sitting_id,
    sittingTitle: r.sitting_title,
    summary: r.summary,
    reference: r.reference,
    type: r.type,
    page: r.page,
    snippet: snippet(r.content, r.text, terms),
  }));
}

/** The original text around the first folded term found; offsets agree because folding keeps lengths. */
function snippet(folded: string, original: string, terms: string[]) {
  const chars = [...original];
  const foldedChars = [...folded];
  const foldedJoined = foldedChars.join("");
  let at = -1;
  let length = 0;
  for (const term of terms) {
    const index = foldedJoined.indexOf(term);
    if (index >= 0 && (at < 0 || index < at)) {
      at = index;
      length = term.length;
    }
  }
  if (at < 0) return { before: "", match: "", after: chars.slice(0, 160).join("") };
  // Convert a UTF-16 index of the folded string into a code-point index (both strings have the same code points).
  const start = [...foldedJoined.slice(0, at)].length;
  const end = start + [...foldedJoined.slice(at, at + length)].length;
  return {
    before: (start > 80 ? "…" : "") + chars.slice(Math.max(0, start - 80), start).join(""),
    match: chars.slice(start, end).join(""),
    after: chars.slice(end, end + 80).join("") + (end + 80 < chars.length ? "…" : ""),
  };
}

