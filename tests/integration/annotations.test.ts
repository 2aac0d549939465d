import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { io, type Socket } from "socket.io-client";
import { demoPassword } from "#db/seed";
import type { AnnotationPayload } from "~/realtime/events";
import { Browserless } from "../setup/http";
import { makePdf } from "../setup/pdf-fixtures";
import { removeDataDir, startServer, type TestServer } from "../setup/server";

let server: TestServer;
let versionId: string;
let confidentialId: string;
const sockets: Socket[] = [];

async function upload(client: Browserless, sittingId: string, confidentiality: string) {
  const body = new FormData();
  body.append("summary", "Tài liệu");
  body.append("confidentiality", confidentiality);
  body.append("file", new Blob([await makePdf([["Một"], ["Hai"]])]), "t.pdf");
  const response = await fetch(new URL(`/sittings/${sittingId}/upload`, server.url), { method: "POST", body, headers: { cookie: client.cookieHeader, origin: server.url } });
  return ((await response.json()) as { versionId: string }).versionId;
}

async function connectAs(username: string) {
  const client = new Browserless(server.url);
  await client.login(username, demoPassword);
  const socket = io(server.url, { transports: ["websocket"], reconnection: false, extraHeaders: { cookie: client.cookieHeader } });
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("connect_error", reject);
  });
  return socket;
}

const ink = (id = randomUUID()): AnnotationPayload => ({
  id,
  versionId,
  userId: "",
  authorName: "",
  page: 1,
  kind: "ink",
  color: "#ff6b6b",
  geometry: { paths: [[{ x: 0.1, y: 0.2 }, { x: 0.4, y: 0.25 }]] },
  text: null,
  shared: false,
});

beforeAll(async () => {
  server = await startServer();
  const secretary = new Browserless(server.url);
  await secretary.login("thuky1", demoPassword);
  const sittingId = (await (await secretary.get("/sittings")).text()).match(/href="\/sittings\/([0-9a-f-]{36})"/)![1];
  versionId = await upload(secretary, sittingId, "internal");
  confidentialId = await upload(secretary, sittingId, "confidential");
});

afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await server.stop();
  removeDataDir(server.dataDir);
});

describe("annotation commands", () => {
  test("an author's note is theirs alone: others cannot see it (unless shared) or change it", async () => {
    const author = await connectAs("daibieu15");
    const other = await connectAs("daibieu16");
    const mark = ink();
    const saved = await author.emitWithAck("annotation:save", mark);
    expect(saved).toMatchObject({ ok: true, annotation: { id: mark.id, kind: "ink", shared: false } });

    const seen = await other.emitWithAck("doc:join", { versionId });
    expect(seen.ok && seen.annotations.map((a: AnnotationPayload) => a.id)).not.toContain(mark.id);

    const hijack = await other.emitWithAck("annotation:save", { ...mark, color: "#4aa3ff" });
    expect(hijack).toEqual({ ok: false, error: { code: "forbidden", message: "Bạn chỉ sửa được ghi chú của chính mình." } });
    expect(await other.emitWithAck("annotation:delete", { id: mark.id })).toMatchObject({ ok: false, error: { code: "forbidden" } });

    // Shared: the other reader, in the document's room, gets it live.
    const arrived = new Promise<AnnotationPayload>((resolve) => other.once("annotation:saved", ({ annotation }) => resolve(annotation)));
    await author.emitWithAck("annotation:save", { ...mark, shared: true });
    expect(await arrived).toMatchObject({ id: mark.id, shared: true });
    // Unshared again: it disappears from their screen.
    const gone = new Promise<{ id: string }>((resolve) => other.once("annotation:deleted", resolve));
    await author.emitWithAck("annotation:save", { ...mark, shared: false });
    expect((await gone).id).toBe(mark.id);
  });

  test("bad geometry, an unknown page and a document the user may not read are refused with clear messages", async () => {
    const delegate = await connectAs("daibieu17");
    const outside = await delegate.emitWithAck("annotation:save", { ...ink(), geometry: { paths: [[{ x: 2, y: 0.1 }]] } });
    expect(outside).toMatchObject({ ok: false, error: { code: "invalid", message: "Yêu cầu không hợp lệ." } });
    const page = await delegate.emitWithAck("annotation:save", { ...ink(), page: 9 });
    expect(page).toEqual({ ok: false, error: { code: "invalid", message: "Trang không có trong tài liệu." } });

    const guest = await connectAs("khachmoi");
    const join = await guest.emitWithAck("doc:join", { versionId: confidentialId });
    expect(join).toMatchObject({ ok: false, error: { code: "forbidden", message: "Tài liệu mật không dành cho khách mời." } });
    expect(await guest.emitWithAck("annotation:save", { ...ink(), versionId: confidentialId })).toMatchObject({ ok: false, error: { code: "forbidden" } });
  });
});
