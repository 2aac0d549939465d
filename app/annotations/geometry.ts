// Annotation geometry lives in page-relative units of the page's unrotated frame (DESIGN §5): x and y are fractions
// of the unrotated page's width and height, from its top-left corner. It survives zoom, screen size and rotation.
// These helpers convert between that frame and what the reader sees (the page turned by /Rotate), and to PDF points.
export type Point = { x: number; y: number };
export type Rotation = 0 | 90 | 180 | 270;

export function normalizeRotation(degrees: number): Rotation {
  return ((((Math.round(degrees / 90) * 90) % 360) + 360) % 360) as Rotation;
}

/** A point as seen on the displayed (rotated) page, in fractions of the displayed width and height → unrotated frame. */
export function fromView(point: Point, rotation: Rotation): Point {
  switch (rotation) {
    case 0:
      return point;
    case 90:
      return { x: point.y, y: 1 - point.x };
    case 180:
      return { x: 1 - point.x, y: 1 - point.y };
    case 270:
      return { x: 1 - point.y, y: point.x };
  }
}

/** The inverse of fromView: a stored point → where it shows on the displayed page. */
export function toView(point: Point, rotation: Rotation): Point {
  switch (rotation) {
    case 0:
      return point;
    case 90:
      return { x: 1 - point.y, y: point.x };
    case 180:
      return { x: 1 - point.x, y: 1 - point.y };
    case 270:
      return { x: point.y, y: 1 - point.x };
  }
}

/**
 * A stored point → PDF user-space points, for export. `box` is the page's crop box [x0, y0, x1, y1]; PDF's y axis
 * points up, ours down.
 */
export function toPdfPoint(point: Point, box: [number, number, number, number]): Point {
  const [x0, y0, x1, y1] = box;
  return { x: x0 + point.x * (x1 - x0), y: y1 - point.y * (y1 - y0) };
}

export function clampUnit(value: number) {
  return Math.min(1, Math.max(0, value));
}

export type Rect = { x: number; y: number; w: number; h: number };

/** The shape of a stored mark (the JSON of `annotations.geometry`). */
export type Geometry = { rects?: Rect[]; paths?: Point[][]; at?: Point; width?: number; size?: number };

function roundUnit(v: number) {
  return Math.round(clampUnit(v) * 1e5) / 1e5;
}

export function roundPoint(p: Point): Point {
  return { x: roundUnit(p.x), y: roundUnit(p.y) };
}

/** A rectangle seen on the displayed page → the stored (unrotated) frame: both corners turn, then re-normalise. */
export function rectFromView(r: Rect, rotation: Rotation): Rect {
  const a = fromView({ x: r.x, y: r.y }, rotation);
  const b = fromView({ x: r.x + r.w, y: r.y + r.h }, rotation);
  return { x: roundUnit(Math.min(a.x, b.x)), y: roundUnit(Math.min(a.y, b.y)), w: roundUnit(Math.abs(a.x - b.x)), h: roundUnit(Math.abs(a.y - b.y)) };
}

/** A stored rectangle → where it shows on the displayed page. */
export function rectToView(r: Rect, rotation: Rotation): Rect {
  const a = toView({ x: r.x, y: r.y }, rotation);
  const b = toView({ x: r.x + r.w, y: r.y + r.h }, rotation);
  return { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), w: Math.abs(a.x - b.x), h: Math.abs(a.y - b.y) };
}

/** The smallest box holding every part of a mark, in the stored frame. */
export function geometryBounds(g: Geometry): { x0: number; y0: number; x1: number; y1: number } {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const r of g.rects ?? []) xs.push(r.x, r.x + r.w), ys.push(r.y, r.y + r.h);
  for (const p of g.paths?.flat() ?? []) xs.push(p.x), ys.push(p.y);
  if (g.at) xs.push(g.at.x), ys.push(g.at.y);
  if (!xs.length) return { x0: 0, y0: 0, x1: 0, y1: 0 };
  return { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
}

/**
 * A mark moved by `by` as seen on the displayed page (fractions of the displayed page). The move is turned into the
 * stored frame and held back at the page's edges, so a mark never leaves its page.
 */
export function moveGeometry(g: Geometry, by: Point, rotation: Rotation): Geometry {
  const origin = fromView({ x: 0, y: 0 }, rotation);
  const moved = fromView(by, rotation);
  const bounds = geometryBounds(g);
  const dx = Math.min(1 - bounds.x1, Math.max(-bounds.x0, moved.x - origin.x));
  const dy = Math.min(1 - bounds.y1, Math.max(-bounds.y0, moved.y - origin.y));
  const shift = (p: Point) => roundPoint({ x: p.x + dx, y: p.y + dy });
  return {
    ...g,
    ...(g.rects ? { rects: g.rects.map((r) => ({ ...r, ...shift(r) })) } : {}),
    ...(g.paths ? { paths: g.paths.map((path) => path.map(shift)) } : {}),
    ...(g.at ? { at: shift(g.at) } : {}),
  };
}
