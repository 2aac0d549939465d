import { describe, expect, it } from "vitest";
import type { PageText, ViewBox } from "./find-text.server";
import { intersects, planSignatures } from "./signature-layout";

const word = (text: string, x: number, y: number, w: number, h = 13): ViewBox => ({ text, x, y, w, h });
const page = (boxes: ViewBox[], n = 1): PageText => ({ page: n, rotation: 0, width: 595, height: 842, boxes });
const seal = { diameter: 113, text: { w: 190, h: 26 } };
const image = { kind: "image" as const, aspect: 2.5 };
/** A body of text across the page, lines 20 pt apart from `top` to `bottom`. */
const body = (top: number, bottom: number) => Array.from({ length: Math.floor((bottom - top) / 20) }, (_, i) => word("Điều khoản của nghị quyết", 70, top + i * 20, 455));

describe("planSignatures", () => {
  it("puts the signature in the blank between the position line and the typed name, centred on the name", () => {
    const words = [...body(180, 400), word("CHỦ", 385, 425, 30), word("TỊCH", 418, 425, 35), word("Hoàng", 372, 528, 40), word("Đức", 415, 528, 28), word("Thịnh", 446, 528, 40)];
    const plan = planSignatures({ pages: [page(words)], signerName: "Hoàng Đức Thịnh", signer: image, seal });
    expect(plan.found).toBe("block");
    expect(plan.signer.y).toBeGreaterThanOrEqual(438);
    expect(plan.signer.y + plan.signer.h).toBeLessThanOrEqual(528);
    expect(Math.abs(plan.signer.x + plan.signer.w / 2 - (372 + 486) / 2)).toBeLessThan(2);
    for (const box of [plan.signer, plan.sealCircle!, plan.sealText]) expect(words.filter((w) => intersects(w, box))).toEqual([]);
  });

  it("without a block anywhere, signs low on the right of the last page where there are no words", () => {
    const words = body(60, 640);
    const plan = planSignatures({ pages: [page(words, 3), page([], 2)], signerName: "Hoàng Đức Thịnh", signer: image, seal });
    expect(plan).toMatchObject({ page: 3, found: "default" });
    expect(words.filter((w) => intersects(w, plan.signer))).toEqual([]);
  });

  it("draws the seal smaller when the words around the blank leave no room for its real size, and says so", () => {
    // Text on every side of a narrow blank: the seal cannot be 40 mm anywhere near the signer.
    const words = [...body(100, 420), word("CHỦ TỊCH", 380, 425, 80), word("Hoàng Đức Thịnh", 372, 500, 114), ...body(520, 800), word("Nơi nhận", 70, 430, 300), word("Lưu VT", 70, 480, 300)];
    const plan = planSignatures({ pages: [page(words)], signerName: "Hoàng Đức Thịnh", signer: image, seal });
    expect(plan.sealDiameter).toBeLessThan(113);
    expect(plan.sealDiameter).toBeGreaterThan(0);
  });

  it("keeps the leader's chosen place, turned as the page is shown", () => {
    const turned: PageText = { page: 1, rotation: 90, width: 842, height: 595, boxes: [] };
    // Stored (unrotated) top-left 0.2, 0.3 → on a page turned 90° it shows at x = 1 − 0.3, y = 0.2.
    const plan = planSignatures({ pages: [turned], signerName: "X", signer: { kind: "text", size: { w: 100, h: 40 } }, seal, chosen: { page: 1, x: 0.2, y: 0.3 } });
    expect(plan.found).toBe("chosen");
    expect(plan.signer.x).toBeCloseTo(0.7 * 842, 0);
    expect(plan.signer.y).toBeCloseTo(0.2 * 595, 0);
  });
});
