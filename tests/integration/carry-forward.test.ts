// New versions (issue #4): a delegate's marks stay on the version they were made on; on the new version they are
// offered page by page, pages whose text changed flagged, and carried only when asked — never twice.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, test } from "vitest";
import { demoPassword } from "#db/seed";
import type { AnnotationPayload } from "~/realtime/events";
import { Browserless } from "../setup/http";
import { makePdf } from "../setup/pdf-fixtures";
import { removeDataDir, startServer, type TestServer } from "../setup/server";
import { closeSockets, openSocket } from "../setup/sockets";

let server: TestServer;
let secretary: Browserless;
let sittingId: string;

async function upload(pages: string[][], documentId?: string) {
  const body = new FormData();
  body.append("summary", "Dự thảo nghị quyết");
  if (documentId) body.append("documentId", documentId);
  body.append("file", new Blob([await makePdf(pages)]), "du-thao.pdf");
  const response = await fetch(new URL(`/sittings/${sittingId}/upload`, server.url), { method: "POST", body, headers: { cookie: secretary.cookieHeader, origin: server.url } });
  const reply = (await response.json()) as { ok: boolean; documentId: string; versionId: string; message?: string };
  expect(reply, reply.message).toMatchObject({ ok: true });
  return reply;
}

const connect = (client: Browserless) => openSocket(server.url, { cookie: client.cookieHeader });

beforeAll(async () => {
  server = await startServer();
  secretary = new Browserless(server.url);
  await secretary.login("thuky1", demoPassword);
  sittingId = (await (await secretary.get("/sittings")).text()).match(/href="\/sittings\/([0-9a-f-]{36})"/)![1];
});

afterAll(async () => {
  closeSockets();
  await server.stop();
  removeDataDir(server.dataDir);
});

/** The viewer page once both versions' text has been read (until then the comparison is "not known yet"). */
async function viewerHtml(client: Browserless, versionId: string) {
  for (let attempt = 0; attempt < 50; attempt++) {
    const html = await (await client.get(`/documents/${versionId}`)).text();
    if (!html.includes("chưa so được")) return html;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("text extraction did not finish");
}

test("marks on version 1 are offered on version 2 page by page, changed pages flagged, and carried once when chosen", async () => {
  const v1 = await upload([["Điều 1. Phạm vi điều chỉnh"], ["Điều 2. Mức hỗ trợ 5 triệu đồng"], ["Điều 3. Tổ chức thực hiện"], ["Phụ lục"]]);
  const delegate = new Browserless(server.url);
  await delegate.login("daibieu25", demoPassword);
  const socket = await connect(delegate);
  const mark = (page: number, text?: string): AnnotationPayload => ({
    id: randomUUID(),
    versionId: v1.versionId,
    userId: "",
    authorName: "",
    page,
    kind: text ? "note" : "ink",
    color: "#ff6b6b",
    geometry: text ? { at: { x: 0.5, y: 0.5 } } : { paths: [[{ x: 0.1, y: 0.2 }, { x: 0.4, y: 0.25 }]] },
    text: text ?? null,
    shared: false,
  });
  for (const m of [mark(1), mark(2, "Mức hỗ trợ có đủ không?"), mark(2), mark(4)]) expect((await socket.emitWithAck("annotation:save", m)).ok).toBe(true);

  // Version 2 changes the text of page 2 and drops page 4.
  const v2 = await upload([["Điều 1. Phạm vi điều chỉnh"], ["Điều 2. Mức hỗ trợ 7 triệu đồng"], ["Điều 3. Tổ chức thực hiện"]], v1.documentId);
  const html = await viewerHtml(delegate, v2.versionId);
  expect(html).toContain("Ghi chú trên phiên bản 1");
  const item = (page: number) => html.match(new RegExp(`<li data-flag="(\\w+)">(?:(?!</li>).)*?Trang ${page} — (\\d+) ghi chú`))?.slice(1);
  expect([item(1), item(2), item(4)]).toEqual([
    ["same", "1"],
    ["changed", "2"],
    ["missing", "1"],
  ]);
  // Another delegate, with no marks, is offered nothing; version 1 tells its readers a newer one exists.
  const other = new Browserless(server.url);
  await other.login("daibieu26", demoPassword);
  expect(await (await other.get(`/documents/${v2.versionId}`)).text()).not.toContain("Ghi chú trên phiên bản");
  expect(await (await delegate.get(`/documents/${v1.versionId}`)).text()).toContain("đã có phiên bản mới hơn (2)");

  // Choosing no page is refused with a message; choosing page 2 carries both of its marks.
  const none = await delegate.post(`/documents/${v2.versionId}`, { from: v1.versionId });
  expect(await none.text()).toContain("Hãy chọn ít nhất một trang để chuyển.");
  const carried = await delegate.post(`/documents/${v2.versionId}`, { from: v1.versionId, page: "2" });
  expect(carried.status).toBe(302);
  const joined = await socket.emitWithAck("doc:join", { versionId: v2.versionId });
  expect(joined.annotations.map((a: AnnotationPayload) => [a.page, a.kind, a.text])).toEqual([
    [2, "note", "Mức hỗ trợ có đủ không?"],
    [2, "ink", null],
  ]);
  // Version 1 keeps its own marks.
  expect((await socket.emitWithAck("doc:join", { versionId: v1.versionId })).annotations).toHaveLength(4);

  // Only page 1 is still offered (page 4 is gone); carrying page 2 again is not possible.
  const after = await viewerHtml(delegate, v2.versionId);
  expect(after).toContain("Trang 1 — 1 ghi chú");
  expect(after).not.toContain("Trang 2 — 2 ghi chú");
  const again = await delegate.post(`/documents/${v2.versionId}`, { from: v1.versionId, page: "2" });
  expect(await again.text()).toContain("Hãy chọn ít nhất một trang để chuyển.");
});
