import { describe, expect, test } from "vitest";
import { fromView, normalizeRotation, toPdfPoint, toView, type Rotation } from "./geometry";

describe("annotation geometry", () => {
  const rotations: Rotation[] = [0, 90, 180, 270];

  test("view → stored → view is the identity at every rotation", () => {
    for (const r of rotations) {
      for (const p of [{ x: 0.1, y: 0.2 }, { x: 0.9, y: 0.05 }, { x: 0.5, y: 0.5 }]) {
        const back = toView(fromView(p, r), r);
        expect(back.x).toBeCloseTo(p.x);
        expect(back.y).toBeCloseTo(p.y);
      }
    }
  });

  test("on a page turned 90° clockwise, the displayed top-left corner is the unrotated bottom-left", () => {
    // Unrotated portrait page; /Rotate 90 shows it turned clockwise: its left edge is now at the top.
    expect(fromView({ x: 0, y: 0 }, 90)).toEqual({ x: 0, y: 1 });
    expect(fromView({ x: 1, y: 0 }, 90)).toEqual({ x: 0, y: 0 });
    expect(fromView({ x: 0, y: 0 }, 180)).toEqual({ x: 1, y: 1 });
    expect(fromView({ x: 0, y: 0 }, 270)).toEqual({ x: 1, y: 0 });
  });

  test("rotations are normalised to quarter turns", () => {
    expect(normalizeRotation(-90)).toBe(270);
    expect(normalizeRotation(450)).toBe(90);
  });

  test("stored points become PDF points with y up, inside the crop box", () => {
    expect(toPdfPoint({ x: 0, y: 0 }, [0, 0, 595, 842])).toEqual({ x: 0, y: 842 });
    expect(toPdfPoint({ x: 1, y: 1 }, [10, 20, 610, 820])).toEqual({ x: 610, y: 20 });
  });
});
