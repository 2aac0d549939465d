import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { embedVietnameseFont } from "./fonts.server";
import { wrapText } from "./wrap-text";

describe("wrapText", () => {
  it("breaks at spaces within the width, keeps line breaks, and cuts a word longer than a line", async () => {
    const font = await embedVietnameseFont(await PDFDocument.create());
    const width = 120;
    const text = "Tờ trình về dự toán ngân sách địa phương năm 2027\nPhụ lục: https://hdnd.lamha.gov.vn/tai-lieu/ky-hop-thu-nam/du-toan.pdf";
    const lines = wrapText(text, font, 13, width);
    expect(lines.every((line) => font.widthOfTextAtSize(line, 13) <= width)).toBe(true);
    expect(lines.length).toBeGreaterThan(4);
    expect(lines.join(" ")).toContain("Tờ trình về");
    expect(lines.join("")).toContain("https://hdnd.lamha.gov.vn/tai-lieu/ky-hop-thu-nam/du-toan.pdf");
    expect(lines.findIndex((line) => line.startsWith("Phụ lục"))).toBeGreaterThan(0);
    expect(wrapText("Lợi".normalize("NFD"), font, 13, width)).toEqual(["Lợi"]);
  });
});
