// Pages rendered by poppler, for tests that check what a reader of an exported PDF would see.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";

export type Gray = { width: number; height: number; pixels: Uint8Array };

/** One page in greyscale at `dpi`, cropped as viewers show it; throws with poppler's message when it fails or warns. */
export function renderGray(file: string, page: number, outDir: string, dpi = 40): Gray {
  const out = join(outDir, `${file.split("/").pop()}-p${page}`);
  const result = spawnSync("pdftoppm", ["-f", String(page), "-l", String(page), "-r", String(dpi), "-gray", "-cropbox", "-singlefile", file, out], { encoding: "utf8" });
  if (result.status !== 0 || result.stderr) throw new Error(`pdftoppm failed on page ${page} of ${file}: ${result.stderr}`);
  return readPgm(readFileSync(`${out}.pgm`));
}

/** A binary greyscale PGM (P5) as pdftoppm -gray writes it, comments allowed in the header. */
function readPgm(bytes: Buffer): Gray {
  const tokens: string[] = [];
  let pos = 0;
  const space = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
  while (tokens.length < 4) {
    while (space(bytes[pos])) pos++;
    if (bytes[pos] === 0x23) {
      while (bytes[pos] !== 0x0a) pos++;
      continue;
    }
    let token = "";
    while (!space(bytes[pos])) token += String.fromCharCode(bytes[pos++]);
    tokens.push(token);
  }
  const [magic, width, height, max] = tokens;
  if (magic !== "P5" || max !== "255") throw new Error(`not an 8-bit PGM: ${magic} ${max}`);
  const w = Number(width);
  const h = Number(height);
  return { width: w, height: h, pixels: bytes.subarray(pos + 1, pos + 1 + w * h) };
}

/** Rows (as fractions of the page height, from the top) where two renderings differ, with how many pixels each. */
export function changedRows(a: Gray, b: Gray, threshold = 40) {
  if (a.width !== b.width || a.height !== b.height) throw new Error("renderings of different sizes");
  const rows = new Map<number, number>();
  for (let i = 0; i < a.pixels.length; i++) {
    if (Math.abs(a.pixels[i] - b.pixels[i]) <= threshold) continue;
    const y = Math.floor(i / a.width) / a.height;
    rows.set(y, (rows.get(y) ?? 0) + 1);
  }
  return rows;
}
