import { describe, expect, test } from "vitest";
import { contentDisposition, parseRange } from "./file-response.server";

describe("HTTP ranges", () => {
  test("the usual forms", () => {
    expect(parseRange("bytes=0-1023", 50_000_000)).toEqual({ start: 0, end: 1023 });
    expect(parseRange("bytes=1000-", 2000)).toEqual({ start: 1000, end: 1999 });
    expect(parseRange("bytes=-500", 2000)).toEqual({ start: 1500, end: 1999 });
    expect(parseRange("bytes=0-99999", 2000)).toEqual({ start: 0, end: 1999 });
  });

  test("unsatisfiable or malformed ranges are refused", () => {
    expect(parseRange("bytes=2000-", 2000)).toBeNull();
    expect(parseRange("bytes=5-1", 2000)).toBeNull();
    expect(parseRange("bytes=-", 2000)).toBeNull();
    expect(parseRange("items=0-1", 2000)).toBeNull();
  });
});

describe("Content-Disposition", () => {
  test("keeps the Vietnamese name exactly and gives old clients an ASCII one", () => {
    expect(contentDisposition("inline", "Tờ trình dự toán ngân sách 2027.pdf")).toBe(
      `inline; filename="To trinh du toan ngan sach 2027.pdf"; filename*=UTF-8''${encodeURIComponent("Tờ trình dự toán ngân sách 2027.pdf")}`,
    );
    expect(contentDisposition("attachment", 'Đề án "mới".pdf')).toContain('filename="De an _moi_.pdf"');
  });
});
