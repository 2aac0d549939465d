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
