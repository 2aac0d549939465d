import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { demoPassword } from "#db/seed";
import { Browserless } from "../setup/http";
import { budgetReportPages, encrypt, fakeDocx, truncate, writePdf } from "../setup/pdf-fixtures";
import { removeDataDir, startServer, type TestServer } from "../setup/server";
import { storedCounts, uploadPdf } from "../setup/uploads";

let server: TestServer;
let secretary: Browserless;
let sittingId: string;
const work = mkdtempSync(join(tmpdir(), "phonghop-docs-"));

beforeAll(async () => {
  server = await startServer({ env: { MAX_UPLOAD_MB: "60" } });
  secretary = new Browserless(server.url);
  await secretary.login("thuky1", demoPassword);
  const html = await (await secretary.get("/sittings")).text();
  sittingId = html.match(/href="\/sittings\/([0-9a-f-]{36})"/)![1];
});

afterAll(async () => {
  await server.stop();
  removeDataDir(server.dataDir);
  removeDataDir(work);
});

function upload(client: Browserless, path: string, fields: Record<string, string> = {}, name = path.split("/").pop()!) {
  return uploadPdf({ server, client, sittingId }, { bytes: readFileSync(path), name }, fields);
}

const counts = () => storedCounts(server.dataDir);

async function waitForIndex(versionId: string) {
  for (let i = 0; i < 100; i++) {
    const db = new Database(join(server.dataDir, "app.db"), { readonly: true });
    const row = db.prepare("select text_status as s from document_versions where id = ?").get(versionId) as { s: string };
    db.close();
    if (row.s === "done" || row.s === "failed") return row.s;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("text extraction did not finish");
}

describe("uploads", () => {
  test("a real PDF is stored once, normalised, indexed, and searchable without diacritics on its page", async () => {
    const path = await writePdf(work, "Tờ trình ngân sách.pdf", budgetReportPages());
    const first = await upload(secretary, path, { type: "TTr", reference: "125/TTr-UBND", summary: "Dự toán ngân sách địa phương năm 2027", confidentiality: "internal" });
    expect(first.status).toBe(200);
    expect(first.body.ok).toBe(true);
    expect(await waitForIndex(first.body.versionId!)).toBe("done");

    const search = await (await secretary.get(`/search?q=${encodeURIComponent("ngan sach")}`)).text();
    expect(search).toMatch(/data-page="3"/);
    expect(search).toContain("ngân sách");
    expect(search).not.toMatch(/data-page="2"/);

    // The same bytes again: a second document, but the stored file is shared.
    const before = counts();
    const again = await upload(secretary, path, { type: "TTr", summary: "Bản sao" });
    expect(again.body.ok).toBe(true);
    const after = counts();
    expect(after.documents).toBe(before.documents + 1);
    expect(after.files).toBe(before.files);
    expect(after.temp).toBe(0);
  });

  test("each bad file gets its own Vietnamese message and leaves no row and no file", async () => {
    const good = await writePdf(work, "goc.pdf", budgetReportPages());
    const cases: [string, string, number][] = [
      [fakeDocx(join(work, "Báo cáo.pdf")), "không phải là tệp PDF", 400],
      [truncate(good, join(work, "cut.pdf")), "bị hỏng hoặc tải về chưa trọn vẹn", 400],
      [encrypt(good, join(work, "locked.pdf")), "được đặt mật khẩu", 400],
      [await writePdf(work, "big.pdf", [["Tệp lớn"]], { attachmentBytes: 61 * 1024 * 1024 }), "lớn hơn giới hạn 60 MB", 413],
    ];
    const before = counts();
    for (const [path, message, status] of cases) {
      const result = await upload(secretary, path, { summary: "Không được nhận" });
      expect(result.status, path).toBe(status);
      expect(result.body.ok).toBe(false);
      expect(result.body.message).toContain(message);
      expect(counts()).toEqual(before);
    }
    expect(result(await upload(secretary, cases[0][0]))).toContain("“Báo cáo.pdf”");
  });

  test("a delegate cannot upload", async () => {
    const delegate = new Browserless(server.url);
    await delegate.login("daibieu1", demoPassword);
    const path = await writePdf(work, "x.pdf", [["x"]]);
    const body = new FormData();
    body.append("file", new Blob([readFileSync(path)]), "x.pdf");
    const response = await fetch(new URL(`/sittings/${sittingId}/upload`, server.url), { method: "POST", body, headers: { cookie: delegate.cookieHeader, origin: server.url } });
    expect(response.status).toBe(403);
  });
});

function result(r: { body: { message?: string } }) {
  return r.body.message ?? "";
}

describe("serving files", () => {
  test("a Range request for the first KiB of a 50 MB PDF answers 206 with exactly 1,024 bytes", async () => {
    const path = await writePdf(work, "Hồ sơ 50MB.pdf", [["Hồ sơ dự án"]], { attachmentBytes: 50 * 1024 * 1024 });
    const uploaded = await upload(secretary, path, { summary: "Hồ sơ dự án lớn", confidentiality: "internal" });
    expect(uploaded.body.ok).toBe(true);
    const response = await fetch(new URL(`/files/${uploaded.body.versionId}`, server.url), { headers: { cookie: secretary.cookieHeader, range: "bytes=0-1023" } });
    expect(response.status).toBe(206);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(bytes.byteLength).toBe(1024);
    expect(new TextDecoder().decode(bytes.subarray(0, 5))).toBe("%PDF-");
    expect(response.headers.get("content-range")).toMatch(/^bytes 0-1023\/\d{8}$/);
    expect(Number(response.headers.get("content-range")!.split("/")[1])).toBeGreaterThan(50 * 1024 * 1024);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect(response.headers.get("etag")).toMatch(/^"[0-9a-f]{64}"$/);
    expect(response.headers.get("content-disposition")).toContain(`filename*=UTF-8''${encodeURIComponent("Hồ sơ 50MB.pdf")}`);
    const notModified = await fetch(new URL(`/files/${uploaded.body.versionId}`, server.url), { headers: { cookie: secretary.cookieHeader, "if-none-match": response.headers.get("etag")! } });
    expect(notModified.status).toBe(304);
  });

  test("a guest gets 403 for a confidential document even with its exact URL; a delegate's copy carries their name on every page", async () => {
    const path = await writePdf(work, "mat.pdf", [["Trang một — nội dung mật"], ["Trang hai"], ["Trang ba"]]);
    const uploaded = await upload(secretary, path, { summary: "Báo cáo mật về nhân sự", confidentiality: "confidential" });
    expect(uploaded.body.ok).toBe(true);
    const url = new URL(`/files/${uploaded.body.versionId}`, server.url);

    const guest = new Browserless(server.url);
    await guest.login("khachmoi", demoPassword);
    expect((await fetch(url, { headers: { cookie: guest.cookieHeader } })).status).toBe(403);
    expect(await (await guest.get(`/sittings/${sittingId}`)).text()).not.toContain("Báo cáo mật về nhân sự");

    const delegate = new Browserless(server.url);
    await delegate.login("daibieu1", demoPassword);
    const name = (await (await delegate.get("/")).text()).match(/data-testid="current-user">([^<]+)</)![1];
    const response = await fetch(url, { headers: { cookie: delegate.cookieHeader } });
    expect(response.status).toBe(200);
    const file = join(work, "watermarked.pdf");
    writeFileSync(file, new Uint8Array(await response.arrayBuffer()));
    for (const page of [1, 2, 3]) {
      const text = execFileSync("pdftotext", ["-f", String(page), "-l", String(page), file, "-"]).toString("utf8");
      expect(text, `page ${page}`).toContain(name);
    }
    const audit = await (await (async () => {
      const admin = new Browserless(server.url);
      await admin.login("admin", demoPassword);
      return admin.get("/admin/audit?action=document.download_watermarked");
    })()).text();
    expect(audit).toContain(name);
  });
});

describe("the agenda as an official document", () => {
  test("a delegate downloads the programme PDF with the national title, the items and the date written out", async () => {
    const delegate = new Browserless(server.url);
    await delegate.login("daibieu1", demoPassword);
    const response = await fetch(new URL(`/sittings/${sittingId}/agenda.pdf`, server.url), { headers: { cookie: delegate.cookieHeader } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    const file = join(work, "chuong-trinh.pdf");
    writeFileSync(file, new Uint8Array(await response.arrayBuffer()));
    const text = execFileSync("pdftotext", ["-layout", file, "-"]).toString("utf8");
    expect(text).toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    expect(text).toContain("Độc lập - Tự do - Hạnh phúc");
    expect(text).toContain("CHƯƠNG TRÌNH");
    expect(text).toMatch(/Lâm Hà, ngày \d{2} tháng \d{2} năm \d{4}/);
    const html = await (await delegate.get(`/sittings/${sittingId}`)).text();
    const firstItem = html.match(/<li class="agenda-item">.*?<strong>([^<]+)<\/strong>/)![1];
    expect(text.replace(/\s+/g, " ")).toContain(firstItem.replace(/&#x27;/g, "'").split(";")[0]);
  });

  test("nobody outside the sitting gets its programme", async () => {
    const anonymous = await fetch(new URL(`/sittings/${sittingId}/agenda.pdf`, server.url), { redirect: "manual" });
    expect(anonymous.status).toBe(302);
  });
});

describe("hostile uploads", () => {
  test("an upload cut off half-way leaves the server running and nothing behind", async () => {
    const { request } = await import("node:http");
    const before = counts();
    const boundary = "----phonghop";
    await new Promise<void>((resolve) => {
      const req = request(new URL(`/sittings/${sittingId}/upload`, server.url), {
        method: "POST",
        headers: { cookie: secretary.cookieHeader, origin: server.url, "content-type": `multipart/form-data; boundary=${boundary}`, "content-length": "10000000" },
      });
      req.on("error", () => resolve());
      req.write(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="dang-do.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7\n`);
      req.write(Buffer.alloc(200_000, 65));
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 300);
    });
    await new Promise((r) => setTimeout(r, 500));
    expect((await fetch(new URL("/healthz", server.url))).status).toBe(200);
    expect(counts()).toEqual(before);
  });

  test("a delegate invited to a sitting only as a guest gets no confidential document from it", async () => {
    const path = await writePdf(work, "mat-2.pdf", [["Nội dung mật"]]);
    const uploaded = await upload(secretary, path, { summary: "Phương án nhân sự (mật)", confidentiality: "confidential" });
    const html = await (await secretary.get(`/sittings/${sittingId}/participants`)).text();
    const userId = [...html.matchAll(/data-user="([0-9a-f-]{36})"/g)].map((m) => m[1])[5];
    expect((await secretary.post(`/sittings/${sittingId}/participants`, { intent: "remove", userId })).status).toBe(302);
    expect((await secretary.post(`/sittings/${sittingId}/participants`, { intent: "add", userId, role: "guest" })).status).toBe(302);
    const admin = new Browserless(server.url);
    await admin.login("admin", demoPassword);
    const username = (await (await admin.get(`/admin/users/${userId}`)).text()).match(/<p class="muted">([a-z0-9._-]+)<\/p>/)![1];
    const invitedAsGuest = new Browserless(server.url);
    await invitedAsGuest.login(username, demoPassword);
    expect((await fetch(new URL(`/files/${uploaded.body.versionId}`, server.url), { headers: { cookie: invitedAsGuest.cookieHeader } })).status).toBe(403);
    expect(await (await invitedAsGuest.get(`/sittings/${sittingId}`)).text()).not.toContain("Phương án nhân sự (mật)");
    expect(await (await invitedAsGuest.get(`/search?q=${encodeURIComponent("phuong an nhan su")}`)).text()).not.toContain("Phương án nhân sự");
  });

  test("a document of one sitting cannot be changed through another sitting's address", async () => {
    const path = await writePdf(work, "cheo.pdf", [["Tài liệu"]]);
    const uploaded = await upload(secretary, path, { summary: "Tài liệu của phiên A" });
    const html = await (await secretary.get("/sittings")).text();
    const other = [...html.matchAll(/href="\/sittings\/([0-9a-f-]{36})"/g)].map((m) => m[1]).find((id) => id !== sittingId)!;
    const response = await secretary.post(`/sittings/${other}/documents`, {
      documentId: uploaded.body.documentId!,
      type: "BC",
      summary: "Đổi qua phiên B",
      confidentiality: "public",
    });
    expect(response.status).toBe(404);
    expect(await (await secretary.get(`/sittings/${sittingId}/documents`)).text()).toContain("Tài liệu của phiên A");
  });
});
