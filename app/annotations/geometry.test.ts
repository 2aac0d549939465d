import { describe, expect, test } from "vitest";
import { fromView, moveGeometry, normalizeRotation, rectFromView, toPdfPoint, toView, type Rotation } from "./geometry";

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

describe("moving a mark", () => {
  test("a drag to the right on a page shown turned 90° moves the mark up the unrotated page", () => {
    const moved = moveGeometry({ at: { x: 0.5, y: 0.5 } }, { x: 0.1, y: 0 }, 90);
    expect(moved.at!.x).toBeCloseTo(0.5);
    expect(moved.at!.y).toBeCloseTo(0.4);
  });

  test("every part of a mark moves together, and the page edge stops it", () => {
    const ink = { paths: [[{ x: 0.1, y: 0.1 }, { x: 0.3, y: 0.2 }]], width: 0.003 };
    expect(moveGeometry(ink, { x: 0.2, y: 0.1 }, 0).paths).toEqual([[{ x: 0.3, y: 0.2 }, { x: 0.5, y: 0.3 }]]);
    // Dragged far past the left edge: it stops with its left end on the edge, its shape unchanged.
    const stopped = moveGeometry(ink, { x: -0.8, y: 0 }, 0).paths![0];
    expect(stopped[0].x).toBe(0);
    expect(stopped[1].x).toBeCloseTo(0.2);
    const box = moveGeometry({ rects: [{ x: 0.7, y: 0.1, w: 0.2, h: 0.1 }] }, { x: 0.5, y: 0 }, 0).rects![0];
    expect(box).toEqual({ x: 0.8, y: 0.1, w: 0.2, h: 0.1 });
  });
});

test("a box drawn on a page shown turned 90° is stored in the unrotated page's frame", () => {
  // Drawn across the top-left of the displayed page: on the unrotated page that is the bottom-left corner region.
  expect(rectFromView({ x: 0, y: 0, w: 0.5, h: 0.25 }, 90)).toEqual({ x: 0, y: 0.5, w: 0.25, h: 0.5 });
  expect(rectFromView({ x: 0.1, y: 0.2, w: 0.3, h: 0.1 }, 0)).toEqual({ x: 0.1, y: 0.2, w: 0.3, h: 0.1 });
  expect(rectFromView({ x: 0, y: 0, w: 0.5, h: 0.25 }, 180)).toEqual({ x: 0.5, y: 0.75, w: 0.5, h: 0.25 });
});
