import type { PDFFont } from "pdf-lib";

/**
 * Breaks text into lines no wider than `width` at spaces (explicit "\n" kept). A word wider than the line — a long
 * file name, a URL — is cut between characters rather than overflowing the column. Returns NFC text, ready to draw.
 */
export function wrapText(text: string, font: PDFFont, size: number, width: number): string[] {
  const fits = (line: string) => font.widthOfTextAtSize(line, size) <= width;
  const lines: string[] = [];
  for (const paragraph of text.normalize("NFC").split("\n")) {
    let line = "";
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (fits(candidate)) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      line = word;
      while (!fits(line)) {
        const [head, rest] = splitToFit(line, fits);
        lines.push(head);
        line = rest;
      }
    }
    lines.push(line);
  }
  return lines;
}

function splitToFit(word: string, fits: (text: string) => boolean): [string, string] {
  const characters = [...word];
  let cut = 1; // at least one character per line, however narrow the column
  while (cut < characters.length && fits(characters.slice(0, cut + 1).join(""))) cut++;
  return [characters.slice(0, cut).join(""), characters.slice(cut).join("")];
}
