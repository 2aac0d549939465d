import { execFile } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTempDir, pdftotext, pdfWords, renderGray } from "../../tests/fixtures/pdf";
import { buildAgendaPdf, type AgendaPdfInput } from "./build-agenda-pdf.server";

const run = promisify(execFile);

let tmp: Awaited<ReturnType<typeof makeTempDir>>;
beforeAll(async () => {
  tmp = await makeTempDir();
});
afterAll(() => tmp.remove());

const input: AgendaPdfInput = {
  bodyName: "Hội đồng nhân dân tỉnh Lâm Hà",
  issuerCode: "HĐND",
  placeName: "Lâm Hà",
  number: "12",
  date: new Date("2026-02-04T17:30:00Z"), // 00:30 on 5 February in Vietnam, still the 4th in UTC
  sittingTitle: "Phiên khai mạc",
  sessionTitle: "Kỳ họp thứ Năm, Hội đồng nhân dân tỉnh khóa XVII",
  startsAt: new Date("2026-02-05T01:00:00Z"),
  endsAt: new Date("2026-02-05T04:30:00Z"),
  venue: "Hội trường Hội đồng nhân dân tỉnh",
  items: [
    { title: "Chào cờ; tuyên bố lý do, giới thiệu đại biểu", presenter: "Đồng chí Chánh Văn phòng", plannedMinutes: 10 },
    { title: "Khai mạc kỳ họp", presenter: "Đồng chí Chủ tịch HĐND tỉnh", plannedMinutes: 15 },
    {
      title:
        "Tờ trình về dự toán ngân sách địa phương và phân bổ ngân sách cấp tỉnh năm 2027, kế hoạch tài chính - ngân sách nhà nước 03 năm 2027 - 2029",
      presenter: "Đồng chí Giám đốc Sở Tài chính",
      plannedMinutes: 30,
      description: "Kèm theo dự thảo Nghị quyết và báo cáo thẩm tra của Ban Kinh tế - Ngân sách",
    },
    { title: "Thảo luận tại hội trường về các báo cáo, tờ trình", presenter: "Các vị đại biểu HĐND tỉnh", plannedMinutes: 90 },
    { title: "Biểu quyết thông qua Nghị quyết về dự toán ngân sách", presenter: "Đồng chí Chủ tịch HĐND tỉnh", plannedMinutes: 65 },
  ],
  signer: { capacity: "TM. Thường trực HĐND", position: "Chủ tịch", name: "Nguyễn Văn Hùng" },
  recipients: ["Thường trực Tỉnh ủy", "Đại biểu HĐND tỉnh", "Lưu: VT"],
};

const mm = 72 / 25.4;
const a4 = { width: 595.28, height: 841.89 };
// The content column of the items table, in points from the top-left (the table starts at the 30 mm margin).
const contentColumn = { x: 30 * mm + 28 + 92 + 2, width: 223 };

async function write(name: string, bytes: Uint8Array) {
  const path = tmp.path(name);
  await writeFile(path, bytes);
  return path;
}

/** The text of the items table's content column, whitespace collapsed, so wrapped titles read as one. */
async function contentColumnText(path: string, page: number) {
  const { stdout } = await run("pdftotext", [
    "-enc", "UTF-8", "-f", String(page), "-l", String(page),
    "-x", String(Math.round(contentColumn.x)), "-y", "0", "-W", String(contentColumn.width), "-H", "842",
    path, "-",
  ]);
  return stdout.replace(/\s+/g, " ");
}

describe("buildAgendaPdf", () => {
  it("reads back the decree's header, the title, the date in Vietnam's zone and every item", async () => {
    const path = await write("agenda.pdf", await buildAgendaPdf(input));
    const text = await pdftotext(path);
    for (const expected of [
      "HỘI ĐỒNG NHÂN DÂN",
      "TỈNH LÂM HÀ",
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "Độc lập - Tự do - Hạnh phúc",
      "Số: 12/CTr-HĐND",
      "Lâm Hà, ngày 05 tháng 02 năm 2026",
      "CHƯƠNG TRÌNH",
      "Phiên khai mạc",
      "Kỳ họp thứ Năm, Hội đồng nhân dân tỉnh khóa XVII",
      "Thời gian: từ 08 giờ 00 đến 11 giờ 30, thứ Năm, ngày 05 tháng 02 năm 2026.",
      "Địa điểm: Hội trường Hội đồng nhân dân tỉnh.",
      "Tổng thời gian dự kiến: 3 giờ 30 phút.",
      "TM. THƯỜNG TRỰC HĐND",
      "Nguyễn Văn Hùng",
      "Nơi nhận:",
      "- Lưu: VT.",
    ]) {
      expect(text).toContain(expected);
    }
    const columns = (await contentColumnText(path, 1)) + (await contentColumnText(path, 2).catch(() => ""));
    for (const item of input.items) expect(columns).toContain(item.title);
    expect(columns).toContain(input.items[2].description);
    // Time slots run on from the start of the sitting.
    expect(text).toContain("08h25 - 08h55");
    expect(text).toContain("(1 giờ 30 phút)");
  });

  it("lays page 1 out as an official document: A4, margins, two-column header, Tinos", async () => {
    const path = await write("layout.pdf", await buildAgendaPdf(input));
    const { stdout: info } = await run("pdfinfo", [path]);
    expect(info).toMatch(/Page size:\s+595\.2\d* x 841\.89 pts \(A4\)/);
    const { stdout: fonts } = await run("pdffonts", [path]);
    expect(fonts).toMatch(/Tinos-Regular\S* +CID TrueType +Identity-H +yes/);
    expect(fonts).toMatch(/Tinos-Bold\S* +CID TrueType/);
    expect(fonts).toMatch(/Tinos-Italic\S* +CID TrueType/);

    const { words } = await pdfWords(path, 1);
    // Everything inside the margins: 30 mm left, 15 mm right, 20 mm top and bottom.
    for (const word of words) {
      expect(word.xMin).toBeGreaterThanOrEqual(30 * mm - 0.5);
      expect(word.xMax).toBeLessThanOrEqual(a4.width - 15 * mm + 0.5);
      expect(word.yMin).toBeGreaterThanOrEqual(20 * mm - 0.5);
      expect(word.yMax).toBeLessThanOrEqual(a4.height - 20 * mm + 0.5);
    }
    const find = (text: string) => words.find((word) => word.text === text)!;
    // Issuer on the left, national name on the right, on the same first line; number and date on one baseline.
    expect(Math.abs(find("HỘI").yMin - find("CỘNG").yMin)).toBeLessThan(1);
    expect(find("HỘI").xMax).toBeLessThan(find("CỘNG").xMin);
    expect(Math.abs(find("Số:").yMax - find("ngày").yMax)).toBeLessThan(3);
    expect(find("Số:").xMax).toBeLessThan(a4.width / 2);
    // The title is centred on the text area, below the header.
    const title = find("CHƯƠNG");
    const titleRight = find("TRÌNH");
    const textCentre = (30 * mm + a4.width - 15 * mm) / 2;
    expect(Math.abs((title.xMin + titleRight.xMax) / 2 - textCentre)).toBeLessThan(1);
    expect(title.yMin).toBeGreaterThan(find("Số:").yMax);
  });

  it("leaves the number blank on a draft and numbers pages from page 2, centred in the top margin", async () => {
    const many = {
      ...input,
      number: "",
      items: Array.from({ length: 40 }, (_, index) => ({
        title: `Nội dung thứ ${index + 1}: báo cáo kết quả giám sát chuyên đề về công tác chuẩn bị kỳ họp`,
        presenter: "Đồng chí Phó Chủ tịch UBND tỉnh",
        plannedMinutes: 10,
      })),
    };
    const path = await write("long.pdf", await buildAgendaPdf(many));
    // "Số:" then room to write the number by hand, then the rest, on one line.
    const page1 = (await pdfWords(path, 1)).words;
    const label = page1.find((word) => word.text === "Số:")!;
    const rest = page1.find((word) => word.text === "/CTr-HĐND")!;
    expect(Math.abs(label.yMax - rest.yMax)).toBeLessThan(1);
    expect(rest.xMin - label.xMax).toBeGreaterThan(15);
    const pageCount = Number(/Pages:\s+(\d+)/.exec((await run("pdfinfo", [path])).stdout)?.[1]);
    expect(pageCount).toBeGreaterThan(2);

    const inTopMargin = async (page: number) =>
      (await pdfWords(path, page)).words.filter((word) => word.yMax < 20 * mm);
    expect(await inTopMargin(1)).toEqual([]);
    for (let page = 2; page <= pageCount; page++) {
      const [number, ...rest] = await inTopMargin(page);
      expect(rest).toEqual([]);
      expect(number.text).toBe(String(page));
      expect(Math.abs((number.xMin + number.xMax) / 2 - a4.width / 2)).toBeLessThan(1);
      // The table's header row is repeated on each page it continues on.
      expect(await pdftotext(path, { page })).toContain("Người trình bày");
    }
    let columns = "";
    for (let page = 1; page <= pageCount; page++) columns += await contentColumnText(path, page);
    for (const item of many.items) expect(columns).toContain(item.title);
    // The signature block does not stand alone: the total is on its page.
    expect(await pdftotext(path, { page: pageCount })).toMatch(/Tổng thời gian dự kiến: 6 giờ 40 phút\.[\s\S]*Nguyễn Văn Hùng/);
  });

  it("renders in poppler without complaint, with ink where the header and the table are", async () => {
    const path = await write("render.pdf", await buildAgendaPdf(input));
    const page = await renderGray(path, 1);
    expect(page.warnings).toBe("");
    expect(page.inkIn({ left: 0.1, top: 0.05, right: 0.95, bottom: 0.12 })).toBeGreaterThan(0.02);
    // The bottom margin is empty.
    expect(page.inkIn({ left: 0, top: 0.94, right: 1, bottom: 1 })).toBe(0);
  });
});
