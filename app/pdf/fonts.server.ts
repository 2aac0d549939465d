// Every generated PDF embeds Tinos: it has every Vietnamese glyph and is metric-compatible with Times New Roman, the
// font of official documents (pdf-lib's standard fonts cannot encode Vietnamese at all).
// The path is resolved through the package, not relative to this file, so it works from app/ under vitest and from
// the Remix build in build/index.js alike.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import fontkit from "@cantoo/fontkit";
import type { PDFDocument, PDFFont } from "pdf-lib";

export type FontFace = "regular" | "bold" | "italic" | "boldItalic";

const fontFiles: Record<FontFace, string> = {
  regular: "400Regular/Tinos_400Regular.ttf",
  bold: "700Bold/Tinos_700Bold.ttf",
  italic: "400Regular_Italic/Tinos_400Regular_Italic.ttf",
  boldItalic: "700Bold_Italic/Tinos_700Bold_Italic.ttf",
};

const tinosDir = dirname(createRequire(import.meta.url).resolve("@expo-google-fonts/tinos/package.json"));

// ~500 KB per face, read once per process and shared by every document.
const fontBytes = new Map<FontFace, Promise<Uint8Array>>();

export function loadFontBytes(face: FontFace): Promise<Uint8Array> {
  let bytes = fontBytes.get(face);
  if (!bytes) {
    bytes = readFile(join(tinosDir, fontFiles[face])).then((buffer) => new Uint8Array(buffer));
    // A failed read (a broken install) is not cached, so the next call reports it again.
    bytes.catch(() => fontBytes.delete(face));
    fontBytes.set(face, bytes);
  }
  return bytes;
}

// One embedded font per document and face: watermarking then stamping the same document must not embed Tinos twice.
const embedded = new WeakMap<PDFDocument, Map<FontFace, Promise<PDFFont>>>();

/**
 * Embeds a Tinos face, subset to the glyphs drawn (a few KB instead of ~500 KB), with @cantoo/fontkit (the original
 * @pdf-lib/fontkit 1.1.1 writes subsets whose glyphs render blank). Draw only NFC text with it (`text.normalize("NFC")`):
 * decomposed accents are placed as separate glyphs and land beside their letter.
 */
export function embedVietnameseFont(doc: PDFDocument, face: FontFace = "regular"): Promise<PDFFont> {
  let fonts = embedded.get(doc);
  if (!fonts) {
    fonts = new Map();
    embedded.set(doc, fonts);
  }
  let font = fonts.get(face);
  if (!font) {
    doc.registerFontkit(fontkit);
    font = loadFontBytes(face).then((bytes) => doc.embedFont(bytes, { subset: true }));
    fonts.set(face, font);
  }
  return font;
}
