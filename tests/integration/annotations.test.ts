import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Socket } from "socket.io-client";
import { demoPassword } from "#db/seed";
import type { AnnotationPayload } from "~/realtime/events";
import { Browserless } from "../setup/http";
import { makePdf } from "../setup/pdf-fixtures";
import { changedRows, renderGray } from "../setup/render-pdf";
import { removeDataDir, startServer, type TestServer } from "../setup/server";
import { closeSockets, socketAs } from "../setup/sockets";

let server: TestServer;
let versionId: string;
let confidentialId: string;
let fourPagesId: string;

async function upload(client: Browserless, sittingId: string, confidentiality: string, pages = [["Một"], ["Hai"]]) {
  const body = new FormData();
  body.append("summary", "Tài liệu");
  body.append("confidentiality", confidentiality);
  body.append("file", new Blob([await makePdf(pages)]), "t.pdf");
  const response = await fetch(new URL(`/sittings/${sittingId}/upload`, server.url), { method: "POST", body, headers: { cookie: client.cookieHeader, origin: server.url } });
  return ((await response.json()) as { versionId: string }).versionId;
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

const connectAs = (username: string) => socketAs(server.url, username);

beforeAll(async () => {
  server = await startServer();
  const secretary = new Browserless(server.url);
  await secretary.login("thuky1", demoPassword);
  const sittingId = (await (await secretary.get("/sittings")).text()).match(/href="\/sittings\/([0-9a-f-]{36})"/)![1];
  versionId = await upload(secretary, sittingId, "internal");
  confidentialId = await upload(secretary, sittingId, "confidential");
  fourPagesId = await upload(secretary, sittingId, "internal", [["Trang một"], ["Trang hai"], ["Trang ba"], ["Trang bốn"]]);
});

afterAll(async () => {
  closeSockets();
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
    expect(outside).toEqual({ ok: false, error: { code: "invalid", message: "Ghi chú không hợp lệ." } });
    const page = await delegate.emitWithAck("annotation:save", { ...ink(), page: 9 });
    expect(page).toEqual({ ok: false, error: { code: "invalid", message: "Trang không có trong tài liệu." } });

    const guest = await connectAs("khachmoi");
    const join = await guest.emitWithAck("doc:join", { versionId: confidentialId });
    expect(join).toMatchObject({ ok: false, error: { code: "forbidden", message: "Tài liệu mật không dành cho khách mời." } });
    expect(await guest.emitWithAck("annotation:save", { ...ink(), versionId: confidentialId })).toMatchObject({ ok: false, error: { code: "forbidden" } });
  });
});

describe("download with notes", () => {
  test("the export carries real Highlight, Ink, Text and FreeText annotations on the right pages, Vietnamese text intact, ink visible where it was drawn", async () => {
    const { execFileSync } = await import("node:child_process");
    const { mkdtempSync, writeFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const { PDFDocument, PDFArray, PDFDict, PDFName, PDFHexString } = await import("pdf-lib");

    const author = await connectAs("daibieu18");
    const other = await connectAs("daibieu19");
    const noteText = "Đề nghị bổ sung số liệu giải ngân vốn đầu tư công — quý IV/2026";
    const boxText = "Cần đối chiếu với Nghị quyết số 15/NQ-HĐND ngày 10 tháng 7 năm 2026";
    const save = async (socket: Socket, annotation: Partial<AnnotationPayload>) =>
      expect((await socket.emitWithAck("annotation:save", { ...ink(), versionId: fourPagesId, ...annotation })).ok).toBe(true);
    await save(author, { kind: "highlight", page: 2, color: "#ffd400", geometry: { rects: [{ x: 0.1, y: 0.1, w: 0.5, h: 0.03 }] } });
    await save(author, { page: 3, geometry: { paths: [[{ x: 0.2, y: 0.4 }, { x: 0.5, y: 0.45 }, { x: 0.8, y: 0.4 }]], width: 0.006 } });
    await save(author, { kind: "note", page: 4, color: "#ffd400", geometry: { at: { x: 0.7, y: 0.2 } }, text: noteText });
    await save(author, { kind: "freetext", page: 1, color: "#4aa3ff", geometry: { rects: [{ x: 0.1, y: 0.6, w: 0.5, h: 0.04 }], size: 0.02 }, text: boxText });
    await save(other, { page: 4, shared: true });

    const client = new Browserless(server.url);
    await client.login("daibieu18", demoPassword);
    const dir = mkdtempSync(join(tmpdir(), "phonghop-export-"));
    const fetchPdf = async (path: string) => {
      const response = await fetch(new URL(path, server.url), { headers: { cookie: client.cookieHeader } });
      expect(response.status).toBe(200);
      return new Uint8Array(await response.arrayBuffer());
    };
    const mine = await fetchPdf(`/documents/${fourPagesId}/annotated.pdf`);
    const withShared = await fetchPdf(`/documents/${fourPagesId}/annotated.pdf?shared=1`);

    const annotsOf = async (bytes: Uint8Array) => {
      const doc = await PDFDocument.load(bytes);
      return doc.getPages().map((page) => {
        const annots = page.node.lookup(PDFName.of("Annots"));
        if (!(annots instanceof PDFArray)) return [];
        return annots.asArray().map((ref) => {
          const dict = doc.context.lookup(ref, PDFDict);
          const contents = dict.lookup(PDFName.of("Contents"));
          return {
            subtype: String(dict.lookup(PDFName.of("Subtype"))),
            contents: contents instanceof PDFHexString ? contents.decodeText() : null,
            hasAppearance: !!dict.lookup(PDFName.of("AP")),
          };
        });
      });
    };
    expect(await annotsOf(mine)).toEqual([
      [{ subtype: "/FreeText", contents: boxText, hasAppearance: true }],
      [{ subtype: "/Highlight", contents: null, hasAppearance: true }],
      [{ subtype: "/Ink", contents: null, hasAppearance: true }],
      [{ subtype: "/Text", contents: noteText, hasAppearance: true }],
    ]);
    expect((await annotsOf(withShared))[3].map((a) => a.subtype).sort()).toEqual(["/Ink", "/Text"]);

    // Rendered by poppler, page 3 differs from the plain document in the band where the ink runs, and nowhere else;
    // page 1 shows the text box where it was placed.
    writeFileSync(join(dir, "plain.pdf"), await fetchPdf(`/files/${fourPagesId}`));
    writeFileSync(join(dir, "mine.pdf"), mine);
    const differences = (page: number) => changedRows(renderGray(join(dir, "plain.pdf"), page, dir), renderGray(join(dir, "mine.pdf"), page, dir));
    const inkRows = differences(3);
    const inBand = [...inkRows].filter(([y]) => y > 0.37 && y < 0.48).reduce((n, [, count]) => n + count, 0);
    expect(inBand).toBeGreaterThan(50);
    expect([...inkRows.keys()].every((y) => y > 0.37 && y < 0.48)).toBe(true);
    const box = differences(1);
    expect([...box.keys()].some((y) => y > 0.59 && y < 0.66)).toBe(true);
    expect([...box.keys()].every((y) => y > 0.58 && y < 0.7)).toBe(true);
    // And the file is a valid PDF by qpdf's standards.
    execFileSync("qpdf", ["--check", join(dir, "mine.pdf")]);
    removeDataDir(dir);
  });
});
