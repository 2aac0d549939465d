// Issue #11 item 3: no step after upload ends in a 500 or a stuck sign-off. A stored file broken on disk makes the
// chair's signing, the download with notes and a confidential document's watermarked download fail; each answers with
// a message in the reader's language, the sign-off waits on the chair as before, and once the file is whole again the
// same requests succeed (the issued file's two signatures verify in poppler's pdfsig).
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { demoPassword } from "#db/seed";
import { signoffVi } from "~/i18n/locales/signoff.vi";
import { viewerVi } from "~/i18n/locales/viewer.vi";
import { Browserless } from "../setup/http";
import { makeDraftResolution } from "../setup/pdf-fixtures";
import { removeDataDir, startServer, type TestServer } from "../setup/server";
import { demoSittingIds } from "../setup/sockets";
import { pdfsig } from "../setup/signatures";

let server: TestServer;
let secretary: Browserless;
let chair: Browserless;
let sittingId: string;

beforeAll(async () => {
  server = await startServer();
  secretary = new Browserless(server.url);
  await secretary.login("thuky1", demoPassword);
  chair = new Browserless(server.url);
  await chair.login("chutich", demoPassword);
  [sittingId] = await demoSittingIds(server.url);
});

afterAll(async () => {
  await server?.stop();
  if (server) removeDataDir(server.dataDir);
});

function query<T>(sql: string, ...params: unknown[]) {
  const db = new Database(join(server.dataDir, "app.db"), { readonly: true });
  try {
    return db.prepare(sql).get(...params) as T;
  } finally {
    db.close();
  }
}

async function upload(fields: Record<string, string>) {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  body.append("file", new Blob([(await makeDraftResolution()) as BlobPart], { type: "application/pdf" }), "du-thao.pdf");
  const response = await fetch(new URL(`/sittings/${sittingId}/upload`, server.url), { method: "POST", body, headers: { cookie: secretary.cookieHeader, origin: server.url } });
  const answer = (await response.json()) as { ok: boolean; versionId: string; message?: string };
  expect(answer, answer.message).toMatchObject({ ok: true });
  // Text extraction reads the stored file too: let it finish before the file is broken.
  await expect.poll(() => query<{ s: string }>("select text_status as s from document_versions where id = ?", answer.versionId).s, { timeout: 20_000 }).toMatch(/done|failed/);
  return answer.versionId;
}

const storedPath = (versionId: string) => join(server.dataDir, "files", query<{ sha256: string }>("select sha256 from document_versions where id = ?", versionId).sha256);

/** Overwrites the version's stored file with bytes no PDF reader can open; returns the way to put it back. */
function breakStoredFile(versionId: string) {
  const path = storedPath(versionId);
  const whole = readFileSync(path);
  writeFileSync(path, "Tệp này đã bị ghi đè, không còn là PDF.");
  return () => writeFileSync(path, whole);
}

describe("signing a file broken on disk", () => {
  test("answers with a message, leaves the sign-off with the chair, and signs on the retry once the file is whole", async () => {
    const versionId = await upload({ type: "DTNQ", summary: "Dự thảo Nghị quyết ký lại sau lỗi", confidentiality: "internal" });
    const chairId = query<{ id: string }>("select id from users where username = 'chutich'").id;
    const sent = await secretary.post("/signoffs/new", { versionId, signer: chairId });
    expect(sent.status).toBe(302);
    const signoffPath = sent.headers.get("location")!;
    const signoffId = signoffPath.split("/").pop()!;
    const state = () =>
      query<{ status: string; signingSince: number | null; step: string; numbers: number }>(
        `select s.status, s.signing_since as signingSince, st.status as step,
                (select count(*) from document_numbers n where n.signoff_id = s.id) as numbers
         from signoffs s join signoff_steps st on st.signoff_id = s.id where s.id = ?`,
        signoffId,
      );

    const restore = breakStoredFile(versionId);
    const failed = await chair.post(signoffPath, { intent: "sign" });
    expect(failed.status).toBe(422);
    expect(await failed.text()).toContain(signoffVi.errors.signingFailed);
    // The cause is in the server's log, for whoever looks after it.
    expect(server.output()).toMatch(/"msg":"signing failed"/);
    // Still the chair's turn, not held by the failed attempt, and no number used up.
    expect(state()).toEqual({ status: "in_review", signingSince: null, step: "current", numbers: 0 });
    expect(await (await chair.get(signoffPath)).text()).toContain('name="intent" value="sign"');

    restore();
    const signed = await chair.post(signoffPath, { intent: "sign" });
    expect(signed.status).toBe(200);
    expect(state()).toMatchObject({ status: "issued", step: "signed", numbers: 1 });
    const issued = query<{ id: string }>("select issued_version_id as id from signoffs where id = ?", signoffId).id;
    expect(pdfsig(storedPath(issued)).map(({ valid, total }) => ({ valid, total }))).toEqual([
      { valid: true, total: false },
      { valid: true, total: true },
    ]);
  });
});

describe("downloads of a file broken on disk", () => {
  test("the download with notes and the watermarked download answer with a message, then work once the file is whole", async () => {
    const versionId = await upload({ type: "TTr", summary: "Tờ trình mật", confidentiality: "confidential" });
    const restore = breakStoredFile(versionId);
    for (const [path, message] of [
      [`/documents/${versionId}/annotated.pdf`, viewerVi.errors.exportFailed],
      [`/files/${versionId}`, viewerVi.errors.downloadFailed],
    ] as const) {
      const response = await secretary.get(path);
      expect(response.status, path).toBe(422);
      expect(response.headers.get("content-type")).toMatch(/^text\/html/);
      expect(await response.text()).toContain(message);
    }
    expect(server.output()).toMatch(/"msg":"viewer\.errors\.exportFailed"/);
    expect(server.output()).toMatch(/"msg":"viewer\.errors\.downloadFailed"/);

    restore();
    for (const path of [`/documents/${versionId}/annotated.pdf`, `/files/${versionId}`]) {
      const response = await secretary.get(path);
      expect(response.status, path).toBe(200);
      expect(Buffer.from(await response.arrayBuffer()).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    }
  });
});
