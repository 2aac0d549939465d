// Issue #11 item 4: a large file is signed as a job, not in the request (SIGN_IN_BACKGROUND_MB; 0 here, so every file
// is). The chair's page answers at once; their devices hear each stage (`signoff:progress`) and then the outcome: the
// issued document, or — for a file broken on disk — "failed" with a stored notification, the sign-off still theirs to
// sign again, which then succeeds.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import type { Socket } from "socket.io-client";
import { afterAll, beforeAll, expect, test } from "vitest";
import { demoPassword } from "#db/seed";
import { signoffVi } from "~/i18n/locales/signoff.vi";
import { Browserless } from "../setup/http";
import { makeOfficeDraft } from "../setup/pdf-fixtures";
import { removeDataDir, startServer, type TestServer } from "../setup/server";
import { pdfsig } from "../setup/signatures";
import { closeSockets, demoSittingIds, openSocket } from "../setup/sockets";
import { uploadPdf } from "../setup/uploads";

let server: TestServer;
let secretary: Browserless;
let chair: Browserless;
let chairSocket: Socket;
let sittingId: string;

beforeAll(async () => {
  server = await startServer({ env: { SIGN_IN_BACKGROUND_MB: "0" } });
  secretary = new Browserless(server.url);
  chair = new Browserless(server.url);
  await secretary.login("thuky1", demoPassword);
  await chair.login("chutich", demoPassword);
  chairSocket = await openSocket(server.url, { cookie: chair.cookieHeader });
  [sittingId] = await demoSittingIds(server.url);
});

afterAll(async () => {
  closeSockets();
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

/** The stages the chair's devices hear for `signoffId`, up to the end (done or failed). */
function stages(signoffId: string) {
  const heard: { stage: string; message?: string }[] = [];
  return new Promise<typeof heard>((resolve) => {
    const listen = (p: { signoffId: string; stage: string; message?: string }) => {
      if (p.signoffId !== signoffId) return;
      heard.push({ stage: p.stage, ...(p.message ? { message: p.message } : {}) });
      if (p.stage === "done" || p.stage === "failed") {
        chairSocket.off("signoff:progress", listen);
        resolve(heard);
      }
    };
    chairSocket.on("signoff:progress", listen);
  });
}

test("signing runs after the answer, told stage by stage; a failure is told and stored, and the retry issues it", async () => {
  const uploaded = await uploadPdf({ server, client: secretary, sittingId }, { bytes: await makeOfficeDraft(), name: "nen.pdf" }, { type: "DTNQ", summary: "Nghị quyết ký trong nền", confidentiality: "internal" });
  expect(uploaded.body).toMatchObject({ ok: true });
  const versionId = uploaded.body.versionId!;
  await expect.poll(() => query<{ s: string }>("select text_status as s from document_versions where id = ?", versionId).s, { timeout: 20_000 }).toMatch(/done|failed/);
  const chairId = query<{ id: string }>("select id from users where username = 'chutich'").id;
  const sent = await secretary.post("/signoffs/new", { versionId, signer: chairId });
  const signoffPath = sent.headers.get("location")!;
  const signoffId = signoffPath.split("/").pop()!;
  const status = () => query<{ status: string; signingSince: number | null }>("select status, signing_since as signingSince from signoffs where id = ?", signoffId);

  // The stored file broken: the job fails after the page has had its answer.
  const stored = join(server.dataDir, "files", query<{ sha256: string }>("select sha256 from document_versions where id = ?", versionId).sha256);
  const whole = readFileSync(stored);
  writeFileSync(stored, "không còn là PDF");
  let told = stages(signoffId);
  const started = await chair.post(signoffPath, { intent: "sign" });
  expect(started.status).toBe(200);
  const failed = await told;
  expect(failed[0]).toEqual({ stage: "preparing" });
  expect(failed.at(-1)).toEqual({ stage: "failed", message: "signoff.errors.signingFailed" });
  // Still the chair's to sign, not held, and no number used up.
  await expect.poll(status).toEqual({ status: "in_review", signingSince: null });
  expect(query<{ n: number }>("select count(*) as n from document_numbers where signoff_id = ?", signoffId).n).toBe(0);
  const notices = await (await chair.get("/notifications")).text();
  expect(notices).toContain(signoffVi.notifications.failed);

  // Whole again: every stage in order, then the issued document with its two signatures.
  writeFileSync(stored, whole);
  told = stages(signoffId);
  expect((await chair.post(signoffPath, { intent: "sign" })).status).toBe(200);
  expect((await told).map((s) => s.stage)).toEqual(["preparing", "numbering", "signing", "sealing", "storing", "done"]);
  await expect.poll(() => status().status).toBe("issued");
  const issued = query<{ sha256: string }>("select v.sha256 from signoffs s join document_versions v on v.id = s.issued_version_id where s.id = ?", signoffId).sha256;
  expect(pdfsig(join(server.dataDir, "files", issued)).map((s) => s.valid)).toEqual([true, true]);
});
