import { describe, expect, test } from "vitest";
import { foldText, toFtsQuery } from "./search-text";

describe("Vietnamese search folding", () => {
  test("tones, vowel marks and đ fold away, length unchanged", () => {
    const original = "Dự toán NGÂN SÁCH địa phương năm 2027 — Đắk Lắk";
    expect(foldText(original)).toBe("du toan ngan sach dia phuong nam 2027 — dak lak");
    expect(foldText(original)).toHaveLength(original.normalize("NFC").length);
  });

  test("decomposed input folds like composed input", () => {
    expect(foldText("Nghị quyết".normalize("NFD"))).toBe("nghi quyet");
  });

  test("a query becomes quoted prefix terms; punctuation cannot inject FTS syntax", () => {
    expect(toFtsQuery("ngân sách")).toBe('"ngan"* "sach"*');
    expect(toFtsQuery('NQ" OR x*')).toBe('"nq"* "or"* "x"*');
    expect(toFtsQuery("  ")).toBe("");
  });
});
