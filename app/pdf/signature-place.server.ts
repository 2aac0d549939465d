// Plans where an issued document's two signatures go (RULES.md 19) from the draft itself: its text as PDF.js reads it
// (find-text.server.ts), the signer's image, the seal at its real size. The pure part is app/pdf/signature-layout.ts.
import { PDFDocument } from "pdf-lib";
import { logger } from "~/logger.server";
import { AppError } from "~/models/app-error";
import { pageTextBoxes } from "./find-text.server";
import { embedVietnameseFont } from "./fonts.server";
import { sealTextSize } from "./sign-pdf.server";
import { asFractions, planSignatures, type SignerLook } from "./signature-layout";

export const millimetre = 72 / 25.4;

/** Width and height of a PNG, from its header; anything else is refused (signature and seal images are PNGs). */
export function pngSize(bytes: Uint8Array): { width: number; height: number; alpha: boolean } {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 33 || signature.some((b, i) => bytes[i] !== b) || Buffer.from(bytes.subarray(12, 16)).toString("latin1") !== "IHDR") throw new AppError("invalid", "signing.errors.image");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  const colourType = bytes[25];
  // Grey or colour with an alpha channel, or a palette/colour image with a tRNS chunk: a transparent background.
  const alpha = colourType === 4 || colourType === 6 || Buffer.from(bytes).includes("tRNS", 0, "latin1");
  if (!width || !height) throw new AppError("invalid", "signing.errors.image");
  return { width, height, alpha };
}

export type SignatureLooks = {
  signerName: string;
  /** The signer's handwritten signature (PNG), or the lines written instead. */
  signerImage?: Uint8Array | null;
  signerLines: { text: string; bold?: boolean }[];
  /** The body's seal (PNG) and its real diameter in millimetres; without it the body's lines alone. */
  seal?: { image: Uint8Array; sizeMm: number } | null;
  sealLines: string[];
};

/**
 * Where the signatures go on the PDF at `path` (`pageCount` pages): the last pages are searched for the signer's block;
 * `chosen` (the box's top-left as the leader moved it, in fractions of the page as shown) wins. Fractions out.
 */
export async function planIssueSignatures(path: string, pageCount: number, looks: SignatureLooks, chosen?: { page: number; x: number; y: number } | null) {
  const numbers = [...new Set([...(chosen ? [chosen.page] : []), pageCount, pageCount - 1, pageCount - 2].filter((n) => n >= 1 && n <= pageCount))];
  const pages = await pageTextBoxes(path, numbers).catch((error: unknown) => {
    // A page PDF.js cannot read the text of is still signed: on an A4 page with no words known, low on the right.
    logger.warn({ err: error, path }, "signature planning could not read the page's text");
    return [{ page: chosen?.page ?? pageCount, rotation: 0, width: 595, height: 842, boxes: [] }];
  });
  if (!pages.length) throw new AppError("invalid", "signing.errors.noSuchPage", { page: chosen?.page ?? pageCount });
  // The last page first, then back (a chosen page is only used as chosen).
  const ordered = [...pages].sort((a, b) => b.page - a.page);
  const fonts = await measuringFonts();
  const signer: SignerLook = looks.signerImage
    ? { kind: "image", aspect: aspectOf(looks.signerImage) }
    : { kind: "text", size: textBlockSize(looks.signerLines, fonts) };
  const plan = planSignatures({
    pages: ordered,
    signerName: looks.signerName,
    signer,
    seal: { diameter: looks.seal ? looks.seal.sizeMm * millimetre : 0, text: looks.seal ? sealTextSize(looks.sealLines, fonts.regular) : textBlockSize(looks.sealLines.map((text, i) => ({ text, bold: i === 0 })), fonts) },
    chosen,
  });
  return asFractions(plan);
}

function aspectOf(png: Uint8Array) {
  const { width, height } = pngSize(png);
  return width / height;
}

let fontsForMeasuring: ReturnType<typeof loadMeasuringFonts> | null = null;

async function loadMeasuringFonts() {
  const doc = await PDFDocument.create();
  return { regular: await embedVietnameseFont(doc, "regular"), bold: await embedVietnameseFont(doc, "bold") };
}

/** Fonts only measured with (Tinos, the same as drawn), kept for the process. */
function measuringFonts() {
  fontsForMeasuring ??= loadMeasuringFonts();
  return fontsForMeasuring;
}

/** The framed text block of sign-pdf at 11 pt on 14 pt lines, with its padding. */
function textBlockSize(lines: { text: string; bold?: boolean }[], fonts: Awaited<ReturnType<typeof loadMeasuringFonts>>) {
  const widest = Math.max(1, ...lines.map((l) => (l.bold ? fonts.bold : fonts.regular).widthOfTextAtSize(l.text.normalize("NFC"), 11)));
  return { w: widest + 12, h: lines.length * 14 + 12 };
}
