// Signatures as poppler reads them, and a sign-off driven over HTTP as the secretary and the chair would: shared by
// the signing tests and those that take any uploaded file through to an issued, signed version.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import Database from "better-sqlite3";
import type { Browserless } from "./http";
import type { TestServer } from "./server";

export type PdfsigBlock = { text: string; signed: boolean; valid: boolean; total: boolean };

/**
 * pdfsig's report, one block per signature ("Signature #1:" …). Each block has "- Signature Validation: Signature is
 * Valid." (or a failure such as "Digest Mismatch.") and either "- Total document signed" or "- Not total document
 * signed". An empty signature field is listed too ("The signature form field is not signed."): `signed` false.
 * pdfsig exits non-zero when a signature fails, so the exit code is not checked here.
 */
export function pdfsig(path: string): PdfsigBlock[] {
  const result = spawnSync("pdfsig", ["-nocert", path], { encoding: "utf8" });
  return result.stdout
    .split(/^Signature #\d+:$/m)
    .slice(1)
    .map((text) => ({ text, signed: !/form field is not signed/.test(text), valid: /- Signature Validation: Signature is Valid\./.test(text), total: /- Total document signed/.test(text) }));
}

function query<T>(server: TestServer, sql: string, ...params: unknown[]) {
  const db = new Database(join(server.dataDir, "app.db"), { readonly: true });
  try {
    return db.prepare(sql).get(...params) as T;
  } finally {
    db.close();
  }
}

/**
 * The secretary sends a version to the chair (`chutich`), who signs it. Returns each answer's status and, once
 * issued, the path of the issued file in the server's store.
 */
export async function sendAndSign({ server, secretary, chair, versionId }: { server: TestServer; secretary: Browserless; chair: Browserless; versionId: string }) {
  const chairId = query<{ id: string }>(server, "select id from users where username = 'chutich'").id;
  const sent = await secretary.post("/signoffs/new", { versionId, signer: chairId });
  const signoffPath = sent.headers.get("location");
  if (sent.status !== 302 || !signoffPath) return { sent: sent.status, signed: null, issuedPath: null };
  const signed = await chair.post(signoffPath, { intent: "sign" });
  const issued = query<{ sha256: string } | undefined>(
    server,
    "select v.sha256 from signoffs s join document_versions v on v.id = s.issued_version_id where s.id = ?",
    signoffPath.split("/").pop(),
  );
  return { sent: sent.status, signed: signed.status, issuedPath: issued ? join(server.dataDir, "files", issued.sha256) : null };
}
