// Where the two signatures of an issued document go (RULES.md 19, issue #11): the signer's in the blank the draft
// leaves between the position lines ("TM. HỘI ĐỒNG NHÂN DÂN" / "CHỦ TỊCH") and the typed name, the body's seal over
// the left third of it; neither over any of the draft's words, on a page turned any way. Everything here is in points
// on the page as the reader sees it (turned by /Rotate), from its top-left corner; the text boxes come from PDF.js
// (find-text.server.ts), the sizes from the images and fonts (signature-place.server.ts).
import { normalizeRotation, toView } from "~/annotations/geometry";
import type { PageText, ViewBox } from "./find-text.server";

export type Rect = { x: number; y: number; w: number; h: number };
export type Size = { w: number; h: number };

/** What the signer's appearance needs: the image's proportions, or the size of the text drawn without one. */
export type SignerLook = { kind: "image"; aspect: number } | { kind: "text"; size: Size };
/** The seal at its real diameter (0 without a seal image), with its two lines (the body's name, the time) under it. */
export type SealLook = { diameter: number; text: Size };

export type SignaturePlan = {
  page: number;
  /** The page as shown, in points. */
  width: number;
  height: number;
  /** How the place was found: the draft's signature block, its position lines only, the leader's click, or neither. */
  found: "block" | "position" | "chosen" | "default";
  signer: Rect;
  /** The body's signature: its box, and inside it the seal's circle (none without an image) and its two lines. */
  seal: Rect;
  sealCircle: Rect | null;
  sealText: Rect;
  /** The seal's diameter as drawn (0 without a seal image); below its real size only when the blank is too small. */
  sealDiameter: number;
};

type Line = { text: string; x: number; y: number; w: number; h: number };

const edge = 14; // keep this far from the page's edge
const minImageHeight = 24;
const maxImageHeight = 80;
const maxImageWidth = 200;
const positionMarks = /^(TM|KT|Q|TL|TUQ)\.\s/;
const positionTitles = /^(PHÓ )?(CHỦ TỊCH|TRƯỞNG BAN|TỔ TRƯỞNG|TỔ PHÓ|CHÁNH VĂN PHÒNG|TRƯỞNG ĐOÀN)\b/;

const fold = (text: string) => text.normalize("NFC").toLocaleLowerCase("vi").replace(/\s+/g, " ").trim();
const isCapitals = (text: string) => /\p{Lu}/u.test(text) && text === text.toLocaleUpperCase("vi");
const centreX = (r: Rect) => r.x + r.w / 2;
const bottom = (r: Rect) => r.y + r.h;

/** Runs on one line as the reader sees it, left to right (the two columns of a signature area stay apart). */
export function linesOf(boxes: ViewBox[]): Line[] {
  const lines: (Line & { runs: ViewBox[] })[] = [];
  for (const box of [...boxes].sort((a, b) => a.y - b.y || a.x - b.x)) {
    const line = lines.find((l) => Math.abs(l.y + l.h / 2 - (box.y + box.h / 2)) < Math.min(l.h, box.h) * 0.5 && box.x - (l.x + l.w) < box.h * 2.5 && box.x >= l.x - 1);
    if (!line) {
      lines.push({ ...box, runs: [box] });
      continue;
    }
    const gap = box.x - (line.x + line.w);
    line.text += gap > box.h * 0.1 ? " " : "";
    line.text += box.text;
    line.runs.push(box);
    const right = Math.max(line.x + line.w, box.x + box.w);
    const top = Math.min(line.y, box.y);
    line.h = Math.max(bottom(line), bottom(box)) - top;
    line.y = top;
    line.w = right - line.x;
  }
  return lines.map(({ runs: _runs, ...line }) => line);
}

export function intersects(a: Rect, b: Rect, slack = 0.5) {
  return a.x < b.x + b.w - slack && b.x < a.x + a.w - slack && a.y < b.y + b.h - slack && b.y < a.y + a.h - slack;
}

/** The blank for the signature on one page: between the lowest position line above the signer's name and the name. */
function findBlock(page: PageText, signerName: string): { gap: Rect; cx: number; found: "block" | "position" } | null {
  const lines = linesOf(page.boxes);
  const name = fold(signerName);
  const nameLines = name ? lines.filter((l) => fold(l.text) === name || (fold(l.text).includes(name) && l.text.length <= signerName.length + 12)) : [];
  const nameLine = nameLines.sort((a, b) => b.y - a.y)[0];
  if (nameLine) {
    const cx = centreX(nameLine);
    const above = lines
      .filter((l) => bottom(l) <= nameLine.y + 1 && nameLine.y - bottom(l) < 220 && l.x < cx && l.x + l.w > cx)
      .sort((a, b) => bottom(b) - bottom(a))[0];
    const top = above ? bottom(above) : Math.max(edge, nameLine.y - 100);
    if (nameLine.y - top >= 20 && (!above || isCapitals(above.text))) return { gap: { x: cx - 150, y: top + 2, w: 300, h: nameLine.y - top - 4 }, cx, found: "block" };
  }
  // No name typed (or not this signer's): the position lines, then the blank under them.
  const marks = lines.filter((l) => positionMarks.test(l.text.trim()) || positionTitles.test(l.text.trim())).sort((a, b) => b.y - a.y);
  const first = marks.find((l) => positionMarks.test(l.text.trim())) ?? marks[0];
  if (!first) return null;
  let last = first;
  for (;;) {
    const next = lines.find((l) => l !== last && l.y >= bottom(last) - 1 && l.y - bottom(last) < last.h * 0.9 && isCapitals(l.text) && Math.abs(centreX(l) - centreX(first)) < 60);
    if (!next) break;
    last = next;
  }
  const cx = centreX(first);
  const below = lines.filter((l) => l.y > bottom(last) && l.x < cx + 60 && l.x + l.w > cx - 60).sort((a, b) => a.y - b.y)[0];
  const floor = Math.min(below ? below.y : Infinity, bottom(last) + 110, page.height - edge);
  if (floor - bottom(last) < 20) return null;
  return { gap: { x: cx - 150, y: bottom(last) + 2, w: 300, h: floor - bottom(last) - 4 }, cx, found: "position" };
}

/**
 * The free spot nearest `ideal` for a box of the ideal's size: shifted by up to `reach` points each way, inside the page,
 * over none of `words`, and passing `accept`. Nearest first; null when there is none.
 */
function nearestFree(ideal: Rect, words: Rect[], page: Size, reach: Size, accept: (r: Rect) => boolean = () => true): Rect | null {
  const step = 3;
  const offsets: [number, number, number][] = [];
  for (let dx = -reach.w; dx <= reach.w; dx += step) for (let dy = -reach.h; dy <= reach.h; dy += step) offsets.push([dx, dy, Math.hypot(dx, dy)]);
  offsets.sort((a, b) => a[2] - b[2]);
  for (const [dx, dy] of offsets) {
    const r = { ...ideal, x: ideal.x + dx, y: ideal.y + dy };
    if (r.x < edge || r.y < edge || r.x + r.w > page.w - edge || r.y + r.h > page.h - edge) continue;
    if (words.some((w) => intersects(r, w))) continue;
    if (accept(r)) return r;
  }
  return null;
}

function signerSize(look: SignerLook, room: number): Size {
  if (look.kind === "text") {
    const scale = Math.min(1, Math.max(0.6, room / look.size.h));
    return { w: look.size.w * scale, h: look.size.h * scale };
  }
  let h = Math.min(maxImageHeight, Math.max(minImageHeight, room));
  let w = h * look.aspect;
  if (w > maxImageWidth) [w, h] = [maxImageWidth, maxImageWidth / look.aspect];
  return { w, h };
}

/**
 * The body's signature (RULES.md 19). The seal's circle goes over the left third of the signer's box (its right edge a
 * third of the way in, level with it), tried at its real size first and smaller only as far as the draft's words leave
 * no other way; each size may shift a little, never off the signer's left third. Its two lines (the body's name, the
 * time) go under the circle, or the nearest place clear of the words and of the signer's box. Without a seal image,
 * the lines alone, beside or under the signer's box.
 */
function placeSeal(signer: Rect, look: SealLook, words: Rect[], page: Size): { rect: Rect; circle: Rect | null; text: Rect; diameter: number } {
  const textNear = (ideal: Rect, taken: Rect[]) => nearestFree(ideal, [...words, ...taken], page, { w: 200, h: 160 }) ?? ideal;
  if (look.diameter === 0) {
    const text = textNear({ x: signer.x + signer.w / 3 - look.text.w, y: bottom(signer) + 2, w: look.text.w, h: look.text.h }, [signer]);
    return { rect: text, circle: null, text, diameter: 0 };
  }
  const target = signer.x + signer.w / 3;
  // The circle keeps covering part of the signer's left third, and overlaps it in height.
  const overlaps = (r: Rect) => r.x + r.w > signer.x + signer.w * 0.12 && r.x + r.w < signer.x + signer.w * 0.55 && Math.min(bottom(r), bottom(signer)) - Math.max(r.y, signer.y) >= Math.min(signer.h, r.h) * 0.3;
  let circle: Rect | null = null;
  for (let scale = 1; scale >= 0.55 && !circle; scale -= 0.05) {
    const d = look.diameter * scale;
    circle = nearestFree({ x: target - d, y: signer.y + signer.h / 2 - d / 2, w: d, h: d }, words, page, { w: signer.w * 0.2, h: d / 2 }, overlaps);
  }
  if (!circle) {
    const d = look.diameter * 0.55;
    circle = { x: target - d, y: signer.y + signer.h / 2 - d / 2, w: d, h: d };
  }
  const text = textNear({ x: circle.x + circle.w / 2 - look.text.w / 2, y: bottom(circle) + 1, w: look.text.w, h: look.text.h }, [signer, circle]);
  const x = Math.min(circle.x, text.x);
  const y = Math.min(circle.y, text.y);
  const rect = { x, y, w: Math.max(circle.x + circle.w, text.x + text.w) - x, h: Math.max(bottom(circle), bottom(text)) - y };
  return { rect, circle, text, diameter: circle.w };
}

/**
 * Plans both signatures. `pages` are searched in order (the last page first, where a signature block usually is);
 * `chosen` is the signer box's top-left where the leader moved it (fractions of the page's unrotated frame, as the
 * viewer stores places: app/annotations/geometry.ts), which wins over what was found.
 */
export function planSignatures({
  pages,
  signerName,
  signer,
  seal,
  chosen,
}: {
  pages: PageText[];
  signerName: string;
  signer: SignerLook;
  seal: SealLook;
  chosen?: { page: number; x: number; y: number } | null;
}): SignaturePlan {
  const finish = (page: PageText, found: SignaturePlan["found"], signerRect: Rect): SignaturePlan => {
    const words = page.boxes;
    const placed = placeSeal(signerRect, seal, words, { w: page.width, h: page.height });
    return { page: page.page, width: page.width, height: page.height, found, signer: signerRect, seal: placed.rect, sealCircle: placed.circle, sealText: placed.text, sealDiameter: placed.diameter };
  };
  const chosenPage = chosen ? pages.find((p) => p.page === chosen.page) : undefined;
  if (chosen && chosenPage) {
    const size = signerSize(signer, maxImageHeight * 0.75);
    const seen = toView({ x: chosen.x, y: chosen.y }, normalizeRotation(chosenPage.rotation));
    const x = Math.min(Math.max(0, seen.x * chosenPage.width), chosenPage.width - size.w);
    const y = Math.min(Math.max(0, seen.y * chosenPage.height), chosenPage.height - size.h);
    return finish(chosenPage, "chosen", { x, y, ...size });
  }
  for (const page of pages) {
    const block = findBlock(page, signerName);
    if (!block) continue;
    const size = signerSize(signer, block.gap.h);
    const ideal = { x: block.cx - size.w / 2, y: block.gap.y + (block.gap.h - size.h) / 2, ...size };
    const rect = nearestFree(ideal, page.boxes, { w: page.width, h: page.height }, { w: 20, h: 8 }) ?? ideal;
    return finish(page, block.found, rect);
  }
  // No block anywhere: low on the right of the last page, as near that as the words allow.
  const page = pages[0]!;
  const size = signerSize(signer, maxImageHeight * 0.75);
  const ideal = { x: page.width * 0.75 - size.w / 2, y: page.height * 0.72, ...size };
  const rect = nearestFree(ideal, page.boxes, { w: page.width, h: page.height }, { w: page.width * 0.3, h: page.height * 0.3 }) ?? ideal;
  return finish(page, "default", rect);
}

/**
 * The plan's boxes as fractions of the page as shown (what the signing code and the viewer take); the seal's circle
 * and lines as fractions of the seal's box.
 */
export function asFractions(plan: SignaturePlan) {
  const f = (r: Rect) => ({ x: r.x / plan.width, y: r.y / plan.height, w: r.w / plan.width, h: r.h / plan.height });
  const within = (r: Rect) => ({ x: (r.x - plan.seal.x) / plan.seal.w, y: (r.y - plan.seal.y) / plan.seal.h, w: r.w / plan.seal.w, h: r.h / plan.seal.h });
  return {
    page: plan.page,
    found: plan.found,
    signer: f(plan.signer),
    seal: f(plan.seal),
    sealParts: { circle: plan.sealCircle ? within(plan.sealCircle) : null, text: within(plan.sealText) },
    sealDiameter: plan.sealDiameter,
  };
}
