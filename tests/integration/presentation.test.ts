// "Follow the presenter" (issue #4): the chair presents a page of a sitting's document and everyone following the
// sitting is told at once; only the sitting's chair or secretary may present, only its own documents, and a
// confidential document's page is never shown to a guest.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Socket } from "socket.io-client";
import { demoPassword } from "#db/seed";
import type { PresentationPayload } from "~/realtime/events";
import { Browserless } from "../setup/http";
import { makePdf } from "../setup/pdf-fixtures";
import { removeDataDir, startServer, type TestServer } from "../setup/server";
import { closeSockets, demoSittingIds, socketAs } from "../setup/sockets";

let server: TestServer;
let sittingId: string;
let otherSittingId: string;
let reportId: string;
let secretId: string;
let otherSittingDocId: string;

async function upload(client: Browserless, sitting: string, summary: string, confidentiality = "internal") {
  const body = new FormData();
  body.append("summary", summary);
  body.append("confidentiality", confidentiality);
  body.append("file", new Blob([await makePdf([["Trang một"], ["Trang hai"], ["Trang ba"]])]), "t.pdf");
  const response = await fetch(new URL(`/sittings/${sitting}/upload`, server.url), { method: "POST", body, headers: { cookie: client.cookieHeader, origin: server.url } });
  return ((await response.json()) as { versionId: string }).versionId;
}

const nextPresentation = (socket: Socket) => new Promise<PresentationPayload | null>((resolve) => socket.once("presentation:changed", (p: { presentation: PresentationPayload | null }) => resolve(p.presentation)));

const connectAs = (username: string) => socketAs(server.url, username);

beforeAll(async () => {
  server = await startServer();
  const secretary = new Browserless(server.url);
  await secretary.login("thuky1", demoPassword);
  [sittingId, otherSittingId] = await demoSittingIds(server.url);
  reportId = await upload(secretary, sittingId, "Báo cáo kinh tế - xã hội");
  secretId = await upload(secretary, sittingId, "Phương án nhân sự", "confidential");
  otherSittingDocId = await upload(secretary, otherSittingId, "Tài liệu phiên khác");
});

afterAll(async () => {
  closeSockets();
  await server.stop();
  removeDataDir(server.dataDir);
});

describe("presenting a page", () => {
  test("the chair's page reaches every participant following the sitting, and a late joiner finds it", async () => {
    const chair = await connectAs("chutich");
    const delegate = await connectAs("daibieu30");
    for (const s of [chair, delegate]) expect((await s.emitWithAck("sitting:join", { sittingId })).ok).toBe(true);

    const told = nextPresentation(delegate);
    const reply = await chair.emitWithAck("presentation:set", { sittingId, versionId: reportId, page: 2 });
    expect(reply).toMatchObject({ ok: true, presentation: { versionId: reportId, page: 2, summary: "Báo cáo kinh tế - xã hội" } });
    expect(await told).toMatchObject({ versionId: reportId, page: 2, presenterName: expect.stringMatching(/\S/) });

    const late = await connectAs("daibieu31");
    expect(await late.emitWithAck("sitting:join", { sittingId })).toMatchObject({ ok: true, presentation: { versionId: reportId, page: 2 } });

    const stopped = nextPresentation(delegate);
    expect((await chair.emitWithAck("presentation:stop", { sittingId })).ok).toBe(true);
    expect(await stopped).toBeNull();
  });

  test("a delegate cannot present, nor can the chair present another sitting's document or a page it does not have", async () => {
    const delegate = await connectAs("daibieu32");
    expect(await delegate.emitWithAck("presentation:set", { sittingId, versionId: reportId, page: 1 })).toEqual({
      ok: false,
      error: { code: "forbidden", message: "Chỉ chủ tọa hoặc thư ký phiên họp được trình chiếu." },
    });
    const chair = await connectAs("chutich");
    expect(await chair.emitWithAck("presentation:set", { sittingId, versionId: otherSittingDocId, page: 1 })).toEqual({
      ok: false,
      error: { code: "invalid", message: "Tài liệu này không thuộc phiên họp đang trình chiếu." },
    });
    expect(await chair.emitWithAck("presentation:set", { sittingId, versionId: reportId, page: 9 })).toEqual({
      ok: false,
      error: { code: "invalid", message: "Trang không có trong tài liệu." },
    });
    expect(await chair.emitWithAck("presentation:set", { sittingId, versionId: "not-a-uuid", page: 1 })).toMatchObject({ ok: false, error: { code: "invalid" } });
  });

  test("a confidential document's page goes to the members, while an invited guest is told nothing is presented", async () => {
    const secretary = await connectAs("thuky1");
    const member = await connectAs("daibieu33");
    const guest = await connectAs("khachmoi");
    for (const s of [secretary, member, guest]) expect((await s.emitWithAck("sitting:join", { sittingId })).ok).toBe(true);
    const toMember = nextPresentation(member);
    const toGuest = nextPresentation(guest);
    expect((await secretary.emitWithAck("presentation:set", { sittingId, versionId: secretId, page: 1 })).ok).toBe(true);
    expect(await toMember).toMatchObject({ versionId: secretId, page: 1 });
    expect(await toGuest).toBeNull();
    expect(await guest.emitWithAck("sitting:join", { sittingId })).toMatchObject({ ok: true, presentation: null });
  });
});
