import { expect, test } from "vitest";
import { rectFromView } from "./annotation-layer";

test("a box drawn on a page shown turned 90° is stored in the unrotated page's frame", () => {
  // Drawn across the top-left of the displayed page: on the unrotated page that is the bottom-left corner region.
  expect(rectFromView({ x: 0, y: 0, w: 0.5, h: 0.25 }, 90)).toEqual({ x: 0, y: 0.5, w: 0.25, h: 0.5 });
  expect(rectFromView({ x: 0.1, y: 0.2, w: 0.3, h: 0.1 }, 0)).toEqual({ x: 0.1, y: 0.2, w: 0.3, h: 0.1 });
  expect(rectFromView({ x: 0, y: 0, w: 0.5, h: 0.25 }, 180)).toEqual({ x: 0.5, y: 0.75, w: 0.5, h: 0.25 });
});
