// Uploads through the real route as the upload panel sends them, what is stored afterwards (a refused upload must
// leave nothing behind), and downloads written to disk for qpdf, pdfinfo and pdftoppm.
import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import type { Browserless } from "./http";
import type { TestServer } from "./server";

/** The upload route's JSON answer; a 5xx (not JSON) comes back as `{ ok: false, message: <the first of its text> }`. */
export type UploadAnswer = {
  ok: boolean;
  message?: string;
  reason?: string;
  documentId?: string;
  versionId?: string;
  intake?: string;
  notices?: string[];
};

/** POST /sittings/:sittingId/upload with the session cookie and the Origin a browser sends. */
export async function uploadPdf(
  { server, client, sittingId }: { server: TestServer; client: Browserless; sittingId: string },
  file: { bytes: Uint8Array; name: string },
  fields: Record<string, string> = {},
) {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  body.append("file", new Blob([file.bytes as BlobPart], { type: "application/pdf" }), file.name);
  const response = await fetch(new URL(`/sittings/${sittingId}/upload`, server.url), {
    method: "POST",
    body,
    headers: { cookie: client.cookieHeader, origin: server.url },
  });
  const text = await response.text();
  let answer: UploadAnswer;
  try {
    answer = JSON.parse(text) as UploadAnswer;
  } catch {
    answer = { ok: false, message: text.slice(0, 500) };
  }
  return { status: response.status, body: answer };
}

/** Rows and files a server keeps for documents: equal before and after a refused upload. */
export function storedCounts(dataDir: string) {
  const db = new Database(join(dataDir, "app.db"), { readonly: true });
  try {
    const documents = (db.prepare("select count(*) as n from documents").get() as { n: number }).n;
    const versions = (db.prepare("select count(*) as n from document_versions").get() as { n: number }).n;
    return { documents, versions, files: readdirSync(join(dataDir, "files")).length, temp: readdirSync(join(dataDir, "tmp")).length };
  } finally {
    db.close();
  }
}

/** GET `path` as `client` and write the body to `file` (whatever the status, so a failure can be looked at). */
export async function downloadTo(server: TestServer, client: Browserless, path: string, file: string) {
  const response = await fetch(new URL(path, server.url), { headers: { cookie: client.cookieHeader } });
  const bytes = new Uint8Array(await response.arrayBuffer());
  writeFileSync(file, bytes);
  return { status: response.status, file, bytes };
}
