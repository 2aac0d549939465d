// Digital signatures on PDFs (issue #6, DESIGN §5 and §8): one signature per call, added as an incremental update so
// the input bytes stay the output's prefix and earlier signatures keep verifying. We write the signature dictionary
// and its widget ourselves (hex text strings for Vietnamese, a unique field name, a 16 KiB /Contents slot), let
// pdf-lib serialise only the new revision, then fill /ByteRange and /Contents in it and build the CMS with
// node-forge's ASN.1 and node:crypto. The input is never copied: `signPdfFile` writes it and the revision to disk,
// `signPdf` into one new buffer. See docs/decisions/0009-signing.md.
import { createHash, createPrivateKey, sign as signBytes, X509Certificate } from "node:crypto";
import { open, readFile, rm } from "node:fs/promises";
import { resolve } from "node:path";
import forge from "node-forge";
import {
  PDFArray,
  PDFDocument,
  PDFHexString,
  PDFInvalidObject,
  PDFName,
  PDFNumber,
  PDFString,
  type PDFDict,
  type PDFFont,
  type PDFImage,
  type PDFPage,
  type PDFRef,
} from "pdf-lib";
import { normalizeRotation, rectFromView, toPdfPoint, toView, type Rotation } from "~/annotations/geometry";
import { AppError } from "~/models/app-error";
import { embedVietnameseFont } from "./fonts.server";
import { uprightMatrix, visibleBox, type Box } from "./page-frame.server";

export type SignatureAppearance = {
  /** 1-based. */
  page: number;
  /** Top-left of the box, as fractions of the page's unrotated frame from its top-left (app/annotations/geometry.ts). */
  at?: { x: number; y: number };
  /**
   * The box exactly, as fractions of the page as the reader sees it (turned by /Rotate) from its top-left, as
   * app/pdf/signature-layout.ts plans it. Without it the box is sized from its lines and put at `at`.
   */
  rect?: { x: number; y: number; w: number; h: number };
  /**
   * "block" (the default): the lines in a framed box on an opaque ground, the image (if any) above the name;
   * "image": the handwritten signature alone, filling `rect` (the draft has the name and position typed around it);
   * "seal": the body's seal image at the top of `rect`, its lines under it in 10 pt (RULES.md 19).
   */
  style?: "block" | "image" | "seal";
  /** For "seal": where in `rect` the circle and the lines go (fractions of `rect`, from its top-left as shown). */
  sealParts?: { circle: { x: number; y: number; w: number; h: number } | null; text: { x: number; y: number; w: number; h: number } };
  lines: { text: string; bold?: boolean }[];
  /** A PNG or JPEG: the handwritten signature, or the seal. */
  image?: Uint8Array;
};

export type SignOptions = {
  certPem: string;
  keyPem: string;
  chainPem?: string[];
  signingTime: Date;
  appearance: SignatureAppearance;
  fieldName?: string;
  reason?: string;
  location?: string;
  signerName?: string;
};

/** Bytes kept for the CMS: 16 KiB holds a signature with a chain of several certificates. */
const contentsSlot = 16 * 1024;
const byteRangeWidth = 10;
const byteRangePlaceholder = `/ByteRange [0 ${"9".repeat(byteRangeWidth)} ${"9".repeat(byteRangeWidth)} ${"9".repeat(byteRangeWidth)}]`;

/** Adds one signature as an incremental update: the input bytes are kept byte-for-byte as the prefix of the output. */
export async function signPdf(bytes: Uint8Array, options: SignOptions): Promise<Uint8Array> {
  const input = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const revision = await signedRevision(input, options);
  // A plain Uint8Array of its own (not a Buffer that may share Node's pool), as callers have always received.
  const output = new Uint8Array(input.byteLength + revision.byteLength);
  output.set(input);
  output.set(revision, input.byteLength);
  return output;
}

/**
 * Signs the PDF at `inputPath` into `outputPath` (a new file: the input's bytes followed by one new revision). Only the
 * input is held in memory, never a second copy of it: issue #6 asks for at most 2× a 50 MB file.
 */
export async function signPdfFile(inputPath: string, outputPath: string, options: SignOptions): Promise<{ size: number }> {
  // Writing over the input would leave neither file whole if the process died halfway.
  if (resolve(inputPath) === resolve(outputPath)) throw new Error("signPdfFile: the output must be a different file from the input");
  const input = await readFile(inputPath);
  const revision = await signedRevision(input, options);
  // The bytes written are the very bytes hashed (not a copy of the file, which might have changed since it was read).
  const file = await open(outputPath, "w");
  try {
    await file.writeFile(input);
    await file.writeFile(revision);
    await file.close();
  } catch (error) {
    // A half-written file must not be mistaken for a signed one; the write's error is the one worth reporting.
    await file.close().catch(() => {});
    await rm(outputPath, { force: true });
    throw error;
  }
  return { size: input.byteLength + revision.byteLength };
}

/**
 * The one implementation behind both entry points: the new revision, signed over the input followed by itself. The
 * input is hashed where it lies, so the signed file never has to exist in memory as one buffer.
 */
async function signedRevision(input: Buffer, options: SignOptions): Promise<Uint8Array> {
  assertKeyMatches(options);
  const doc = await loadForSigning(input);
  const page = doc.getPages()[options.appearance.page - 1];
  if (!page) throw new AppError("invalid", "signing.errors.noSuchPage", { page: options.appearance.page });
  const fieldName = options.fieldName ?? uniqueFieldName(doc);
  const signatureRef = doc.context.register(PDFInvalidObject.of(signatureDictionaryBytes(options)));
  const widget = await signatureWidget(doc, page, options, fieldName, signatureRef);
  addToForm(doc, page, widget);
  // The snapshot `forIncrementalUpdate` installed at load is the one that recorded our changes (a fresh takeSnapshot()
  // would see none). Serialised against it, the revision's offsets, xref and /Prev already count the input's length.
  const snapshot = doc.context.snapshot;
  if (!snapshot) throw new Error("the document was not loaded for an incremental update");
  const revision = await doc.saveIncremental(snapshot);
  const slot = findPlaceholder(revision, input.byteLength);
  fillByteRange(revision, slot);
  const contents = buildCms(options, digestRanges(input, revision, slot));
  writeContents(revision, slot, contents);
  return revision;
}

/** Checked before any work on the file: a key that is not the certificate's would give a signature nobody can verify. */
function assertKeyMatches(options: SignOptions) {
  let matches = false;
  try {
    matches = new X509Certificate(options.certPem).checkPrivateKey(createPrivateKey(options.keyPem));
  } catch {
    matches = false;
  }
  if (!matches) throw new AppError("invalid", "signing.errors.keyMismatch");
}

/** ISO 8601 in Vietnam time (UTC+7 all year, no daylight saving), seconds precision: "2026-11-29T17:15:03+07:00". */
export function formatSigningTime(date: Date): string {
  const local = new Date(date.getTime() + 7 * 3600_000);
  return `${local.toISOString().slice(0, 19)}+07:00`;
}

/**
 * The input goes to pdf-lib as a Buffer (readFile's, or a view of the caller's bytes): pdf-lib's parser takes each
 * stream's contents with `.slice()`, which copies a plain Uint8Array (another 50 MB for a 50 MB file of scans, such as
 * the output of a first signature) but only makes a view of a Buffer. Nothing writes into those views: the revision
 * holds only new and changed objects. See docs/benchmarks.md, "Signing a 50 MB PDF".
 */
async function loadForSigning(input: Buffer) {
  try {
    return await PDFDocument.load(input, { forIncrementalUpdate: true, updateMetadata: false });
  } catch (error) {
    if (/encrypted/i.test(String((error as Error).message))) throw new AppError("invalid", "signing.errors.encrypted");
    throw new AppError("invalid", "signing.errors.notPdf");
  }
}

/** "Sig_<n>_<random>": unique within the document (a second signer must never reuse the first one's field). */
function uniqueFieldName(doc: PDFDocument) {
  const fields = doc.catalog.getAcroForm()?.getFields().length ?? 0;
  return `Sig_${fields + 1}_${Math.random().toString(36).slice(2, 8)}`;
}

/**
 * The signature dictionary, serialised by hand so it is written as a plain object (never inside an object stream,
 * where its /ByteRange and /Contents could not be filled in) with placeholders of fixed width.
 */
function signatureDictionaryBytes(options: SignOptions): Uint8Array {
  const text = (value: string) => PDFHexString.fromText(value.normalize("NFC")).toString();
  const entries = [
    "/Type /Sig",
    "/Filter /Adobe.PPKLite",
    "/SubFilter /adbe.pkcs7.detached",
    byteRangePlaceholder,
    `/Contents <${"0".repeat(contentsSlot * 2)}>`,
    `/M ${PDFString.fromDate(options.signingTime).toString()}`,
    ...(options.signerName ? [`/Name ${text(options.signerName)}`] : []),
    ...(options.reason ? [`/Reason ${text(options.reason)}`] : []),
    ...(options.location ? [`/Location ${text(options.location)}`] : []),
    "/Prop_Build << /App << /Name /PhongHop >> >>",
  ];
  return Buffer.from(`<<\n${entries.join("\n")}\n>>`, "latin1");
}

// ——— the visible appearance ———

const margin = 36; // half an inch from the edge of what the reader sees
const padding = 6;
const maxFontSize = 11;
const leadingRatio = 14 / 11;
const imageHeight = 40;

type Layout = { fontSize: number; leading: number; width: number; height: number; imageIndex: number };

async function signatureWidget(doc: PDFDocument, page: PDFPage, options: SignOptions, fieldName: string, signatureRef: PDFRef) {
  const lines = options.appearance.lines.map((line) => ({ text: line.text.normalize("NFC"), bold: line.bold === true }));
  const fonts = { regular: await embedVietnameseFont(doc, "regular"), bold: await embedVietnameseFont(doc, "bold") };
  const image = options.appearance.image ? await embedImage(doc, options.appearance.image) : undefined;
  const box = visibleBox(page);
  const rotation = normalizeRotation(page.getRotation().angle);
  const view = viewSize(box, rotation);
  const { rect: given, style = "block" } = options.appearance;
  if (style !== "block" && (!given || !image)) throw new Error(`a "${style}" signature needs its rect and its image`);
  const layout = given ? fitBox(lines, fonts, view, given, image, options.signerName) : layoutBox(lines, fonts, view, image, options.signerName);
  const rect = given ? rectOf(given, box, rotation) : placeBox(options.appearance.at, layout, view, box, rotation);
  const operators = style === "image" ? imageOperators(layout, image!) : style === "seal" ? sealOperators(lines, fonts.regular, layout, image!, options.appearance.sealParts) : appearanceOperators(lines, fonts, layout, image);
  const appearance = doc.context.stream(operators.join("\n"), {
    Type: "XObject",
    Subtype: "Form",
    BBox: [0, 0, layout.width, layout.height],
    Matrix: uprightMatrix[rotation],
    Resources: { Font: { F1: fonts.regular.ref, F2: fonts.bold.ref }, ...(image ? { XObject: { Im1: image.ref } } : {}) },
  });
  const widget = doc.context.obj({
    Type: "Annot",
    Subtype: "Widget",
    FT: "Sig",
    T: PDFHexString.fromText(fieldName),
    V: signatureRef,
    Rect: rect,
    F: 132, // print + locked
    P: page.ref,
    AP: { N: doc.context.register(appearance) },
  });
  // Written as a plain object too, so a verifier scanning the raw file finds the field name beside /V.
  return doc.context.register(PDFInvalidObject.of(dictBytes(widget)));
}

function dictBytes(dict: PDFDict) {
  const buffer = new Uint8Array(dict.sizeInBytes());
  dict.copyBytesInto(buffer, 0);
  return buffer;
}

function embedImage(doc: PDFDocument, bytes: Uint8Array): Promise<PDFImage> {
  const isPng = bytes[0] === 0x89 && bytes[1] === 0x50;
  const isJpeg = bytes[0] === 0xff && bytes[1] === 0xd8;
  if (isPng) return doc.embedPng(bytes);
  if (isJpeg) return doc.embedJpg(bytes);
  throw new AppError("invalid", "signing.errors.image");
}

function viewSize(box: Box, rotation: Rotation) {
  const [w, h] = [box[2] - box[0], box[3] - box[1]];
  return rotation === 90 || rotation === 270 ? { width: h, height: w } : { width: w, height: h };
}

/** Box size from the text: 11 pt on 14 pt lines, smaller only when the widest line would not fit on the page. */
function layoutBox(
  lines: { text: string; bold: boolean }[],
  fonts: { regular: PDFFont; bold: PDFFont },
  view: { width: number; height: number },
  image: PDFImage | undefined,
  signerName?: string,
): Layout {
  const widest = Math.max(1, ...lines.map((line) => (line.bold ? fonts.bold : fonts.regular).widthOfTextAtSize(line.text, 1)));
  const fontSize = Math.min(maxFontSize, (view.width - 2 * margin - 2 * padding) / widest);
  const leading = fontSize * leadingRatio;
  const imageRoom = image ? imageHeight : 0;
  const width = Math.max(widest * fontSize, image ? (image.width / image.height) * imageHeight : 0) + 2 * padding;
  const height = lines.length * leading + imageRoom + 2 * padding;
  return { fontSize, leading, width: Math.min(width, view.width), height: Math.min(height, view.height), imageIndex: imageLine(lines, signerName) };
}

/** The handwritten image goes above the signer's name, or above the last bold line (the name, in official blocks). */
function imageLine(lines: { text: string; bold: boolean }[], signerName?: string) {
  const name = signerName?.normalize("NFC");
  const byName = name ? lines.findIndex((line) => line.text === name) : -1;
  if (byName >= 0) return byName;
  const lastBold = lines.map((line) => line.bold).lastIndexOf(true);
  return lastBold >= 0 ? lastBold : 0;
}

/**
 * The widget's /Rect in the page's unrotated space. `at` is where the reader clicked (the box's top-left as they see
 * it); without it the box sits bottom-right above the margin. Either way it stays inside the crop box.
 */
function placeBox(
  at: { x: number; y: number } | undefined,
  layout: Layout,
  view: { width: number; height: number },
  box: Box,
  rotation: Rotation,
) {
  const w = layout.width / view.width;
  const h = layout.height / view.height;
  const corner = at ? toView(at, rotation) : { x: 1 - w - margin / view.width, y: 1 - h - margin / view.height };
  const x = Math.min(Math.max(0, corner.x), 1 - w);
  const y = Math.min(Math.max(0, corner.y), 1 - h);
  const stored = rectFromView({ x, y, w, h }, rotation);
  const a = toPdfPoint({ x: stored.x, y: stored.y }, box);
  const b = toPdfPoint({ x: stored.x + stored.w, y: stored.y + stored.h }, box);
  return [a.x, b.y, b.x, a.y].map((v) => Math.round(v * 100) / 100);
}

/** A planned box (fractions of the page as shown): the lines' size fitted into it, 11 pt at most. */
function fitBox(
  lines: { text: string; bold: boolean }[],
  fonts: { regular: PDFFont; bold: PDFFont },
  view: { width: number; height: number },
  given: { w: number; h: number },
  image: PDFImage | undefined,
  signerName?: string,
): Layout {
  const width = given.w * view.width;
  const height = given.h * view.height;
  const widest = Math.max(1, ...lines.map((line) => (line.bold ? fonts.bold : fonts.regular).widthOfTextAtSize(line.text, 1)));
  const imageRoom = image ? imageHeight : 0;
  const fontSize = Math.min(maxFontSize, (width - 2 * padding) / widest, Math.max(1, height - 2 * padding - imageRoom) / (lines.length * leadingRatio));
  return { fontSize, leading: fontSize * leadingRatio, width, height, imageIndex: imageLine(lines, signerName) };
}

/** The widget's /Rect in the page's unrotated space from a box given as fractions of the page as shown. */
function rectOf(given: { x: number; y: number; w: number; h: number }, box: Box, rotation: Rotation) {
  const stored = rectFromView(given, rotation);
  const a = toPdfPoint({ x: stored.x, y: stored.y }, box);
  const b = toPdfPoint({ x: stored.x + stored.w, y: stored.y + stored.h }, box);
  return [a.x, b.y, b.x, a.y].map((v) => Math.round(v * 100) / 100);
}

/** The image as large as the box allows, its proportions kept, centred; nothing else (no frame, no ground). */
function imageOperators(layout: Layout, image: PDFImage) {
  const scale = Math.min(layout.width / image.width, layout.height / image.height);
  const [w, h] = [image.width * scale, image.height * scale];
  return [`q ${w.toFixed(2)} 0 0 ${h.toFixed(2)} ${((layout.width - w) / 2).toFixed(2)} ${((layout.height - h) / 2).toFixed(2)} cm /Im1 Do Q`];
}

const sealFontSize = 10;
const sealLeading = 12;

/**
 * The seal (a square image) and the body's lines, 10 pt, black on white so they stay legible; by default the circle at
 * the top and the lines under it, or where `parts` puts them (fractions of the box from its top-left as shown).
 */
function sealOperators(lines: { text: string; bold: boolean }[], font: PDFFont, layout: Layout, image: PDFImage, parts?: SignatureAppearance["sealParts"]) {
  const { width: W, height: H } = layout;
  const textHeight = lines.length * sealLeading + 2;
  const diameter = Math.min(W, H - textHeight);
  const circle = parts ? parts.circle : { x: (W - diameter) / 2 / W, y: 0, w: diameter / W, h: diameter / H };
  const text = parts?.text ?? { x: 0, y: (H - textHeight) / H, w: 1, h: textHeight / H };
  // Fractions from the top-left → the appearance's own space (from its bottom-left).
  const box = (r: { x: number; y: number; w: number; h: number }) => ({ x: r.x * W, y: H - (r.y + r.h) * H, w: r.w * W, h: r.h * H });
  const ops: string[] = [];
  if (circle) {
    const c = box(circle);
    const d = Math.min(c.w, c.h);
    ops.push(`q ${d.toFixed(2)} 0 0 ${d.toFixed(2)} ${(c.x + (c.w - d) / 2).toFixed(2)} ${(c.y + (c.h - d) / 2).toFixed(2)} cm /Im1 Do Q`);
  }
  const area = box(text);
  lines.forEach((line, i) => {
    const width = font.widthOfTextAtSize(line.text, sealFontSize);
    const x = area.x + (area.w - width) / 2;
    const baseline = area.y + area.h - (i + 1) * sealLeading + 3;
    ops.push(
      `q 1 1 1 rg ${(x - 1).toFixed(2)} ${(baseline - 3).toFixed(2)} ${(width + 2).toFixed(2)} ${sealLeading} re f Q`,
      "BT",
      `/F1 ${sealFontSize} Tf 0 0 0 rg`,
      `1 0 0 1 ${x.toFixed(2)} ${baseline.toFixed(2)} Tm`,
      `${font.encodeText(line.text).toString()} Tj`,
      "ET",
    );
  });
  return ops;
}

/** The size of a seal's lines (the body's name, the time) at 10 pt, for planning its box. */
export function sealTextSize(lines: string[], font: PDFFont) {
  return { w: Math.max(0, ...lines.map((line) => font.widthOfTextAtSize(line.normalize("NFC"), sealFontSize))) + 2, h: lines.length * sealLeading + 2 };
}

function appearanceOperators(
  lines: { text: string; bold: boolean }[],
  fonts: { regular: PDFFont; bold: PDFFont },
  layout: Layout,
  image: PDFImage | undefined,
) {
  const { width, height, fontSize, leading } = layout;
  // An opaque ground: whatever the box lands on, its lines stay legible.
  const ops = ["q", "1 1 1 rg 0.2 0.2 0.6 RG 0.75 w", `0.5 0.5 ${(width - 1).toFixed(2)} ${(height - 1).toFixed(2)} re B`];
  let top = height - padding;
  lines.forEach((line, i) => {
    if (image && i === layout.imageIndex) {
      const imageWidth = Math.min((image.width / image.height) * imageHeight, width - 2 * padding);
      ops.push(`q ${imageWidth.toFixed(2)} 0 0 ${imageHeight} ${((width - imageWidth) / 2).toFixed(2)} ${(top - imageHeight).toFixed(2)} cm /Im1 Do Q`);
      top -= imageHeight;
    }
    const font = line.bold ? fonts.bold : fonts.regular;
    // Each line centred, as in the signature block of an official document.
    const x = (width - font.widthOfTextAtSize(line.text, fontSize)) / 2;
    const baseline = top - leading + (leading - fontSize) / 2 + fontSize * 0.22;
    ops.push(
      "BT",
      `/${line.bold ? "F2" : "F1"} ${fontSize.toFixed(2)} Tf 0 0 0 rg`,
      `1 0 0 1 ${x.toFixed(2)} ${baseline.toFixed(2)} Tm`,
      `${font.encodeText(line.text).toString()} Tj`,
      "ET",
    );
    top -= leading;
  });
  ops.push("Q");
  return ops;
}

function addToForm(doc: PDFDocument, page: PDFPage, widget: PDFRef) {
  const annots = page.node.lookup(PDFName.of("Annots"));
  if (annots instanceof PDFArray) annots.push(widget);
  else page.node.set(PDFName.of("Annots"), doc.context.obj([widget]));
  const form = doc.catalog.getOrCreateAcroForm();
  form.addField(widget);
  // SignaturesExist | AppendOnly: tells viewers to save further changes incrementally.
  const flags = form.dict.lookupMaybe(PDFName.of("SigFlags"), PDFNumber)?.asNumber() ?? 0;
  form.dict.set(PDFName.of("SigFlags"), PDFNumber.of(flags | 3));
}

// ——— byte range and CMS ———

/**
 * Where the placeholders lie: `byteRangeAt` and `contentsAt` inside the revision (where they are filled in), the byte
 * range in the whole signed file, i.e. shifted by the input's length.
 */
type Slot = { byteRange: [number, number, number, number]; byteRangeAt: number; contentsAt: number; contentsEnd: number };

/** Finds our placeholders in the new revision (the signed input is never searched, nor written to). */
function findPlaceholder(revision: Uint8Array, inputLength: number): Slot {
  const buffer = Buffer.from(revision.buffer, revision.byteOffset, revision.byteLength);
  const byteRangeAt = buffer.indexOf(byteRangePlaceholder, 0, "latin1");
  const contentsAt = buffer.indexOf(`/Contents <${"0".repeat(64)}`, byteRangeAt, "latin1") + "/Contents ".length;
  if (byteRangeAt < 0 || contentsAt < byteRangeAt) throw new Error("signature placeholder not found in the new revision");
  const contentsEnd = contentsAt + contentsSlot * 2 + 2;
  const fileLength = inputLength + revision.byteLength;
  return { byteRange: [0, inputLength + contentsAt, inputLength + contentsEnd, fileLength - inputLength - contentsEnd], byteRangeAt, contentsAt, contentsEnd };
}

/**
 * SHA-256 over the two signed ranges of input + revision, read in place (no copy of a 50 MB file): the first range is
 * the whole input and the revision up to /Contents, the second the rest of the revision. Fill /ByteRange first: it is
 * signed.
 */
function digestRanges(input: Uint8Array, revision: Uint8Array, slot: Slot) {
  const hash = createHash("sha256");
  hash.update(input);
  hash.update(revision.subarray(0, slot.contentsAt));
  hash.update(revision.subarray(slot.contentsEnd));
  return hash.digest();
}

function writeContents(revision: Uint8Array, slot: Slot, cms: Buffer) {
  if (cms.length > contentsSlot) throw new AppError("invalid", "signing.errors.tooLarge");
  Buffer.from(cms.toString("hex"), "latin1").copy(revision, slot.contentsAt + 1);
}

/** Pads the real numbers with spaces to the placeholder's width, so no byte after them moves. */
function fillByteRange(revision: Uint8Array, slot: Slot) {
  const numbers = `/ByteRange [${slot.byteRange.join(" ")}]`;
  const text = numbers.slice(0, -1).padEnd(byteRangePlaceholder.length - 1, " ") + "]";
  Buffer.from(text, "latin1").copy(revision, slot.byteRangeAt);
}

const { asn1 } = forge;
const oids = {
  data: "1.2.840.113549.1.7.1",
  signedData: "1.2.840.113549.1.7.2",
  contentType: "1.2.840.113549.1.9.3",
  messageDigest: "1.2.840.113549.1.9.4",
  signingTime: "1.2.840.113549.1.9.5",
  signingCertificateV2: "1.2.840.113549.1.9.16.2.47",
  sha256: "2.16.840.1.101.3.4.2.1",
  rsaEncryption: "1.2.840.113549.1.1.1",
  ecdsaWithSha256: "1.2.840.10045.4.3.2",
};

/**
 * A detached CMS SignedData (RFC 5652) over the digest: signed attributes contentType, signingTime, messageDigest and
 * signing-certificate-v2 (binding the signer's certificate, as PAdES asks), the signer's certificate and chain.
 */
function buildCms(options: SignOptions, digest: Buffer): Buffer {
  const certs = [options.certPem, ...(options.chainPem ?? [])].map(pemToDer);
  const signerCert = certs[0]!;
  const attributes = signedAttributes(options.signingTime, digest, signerCert);
  const key = createPrivateKey(options.keyPem);
  const signature = signBytes("sha256", derBytes(asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SET, true, attributes)), key);
  const signatureAlgorithm = key.asymmetricKeyType === "ec" ? algorithm(oids.ecdsaWithSha256, false) : algorithm(oids.rsaEncryption);
  const signerInfo = sequence([
    integer(1),
    issuerAndSerial(signerCert),
    algorithm(oids.sha256),
    asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, attributes),
    signatureAlgorithm,
    octets(signature),
  ]);
  const signedData = sequence([
    integer(1),
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SET, true, [algorithm(oids.sha256)]),
    sequence([oid(oids.data)]),
    asn1.create(
      asn1.Class.CONTEXT_SPECIFIC,
      0,
      true,
      certs.map((der) => asn1.fromDer(der.toString("binary"))),
    ),
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SET, true, [signerInfo]),
  ]);
  return derBytes(sequence([oid(oids.signedData), asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, [signedData])]));
}

/** The signed attributes in DER order (a SET OF is sorted by its members' encodings). */
function signedAttributes(signingTime: Date, digest: Buffer, signerCert: Buffer) {
  const certHash = createHash("sha256").update(signerCert).digest();
  const attributes = [
    attribute(oids.contentType, oid(oids.data)),
    attribute(oids.signingTime, asn1.create(asn1.Class.UNIVERSAL, asn1.Type.UTCTIME, false, asn1.dateToUtcTime(signingTime))),
    attribute(oids.messageDigest, octets(digest)),
    // ESSCertIDv2 with the default hash (SHA-256) left out, as DER requires for a DEFAULT value.
    attribute(oids.signingCertificateV2, sequence([sequence([sequence([octets(certHash)])])])),
  ];
  return attributes
    .map((a) => ({ a, der: derBytes(a) }))
    .sort((p, q) => Buffer.compare(p.der, q.der))
    .map((p) => p.a);
}

function issuerAndSerial(certDer: Buffer) {
  const tbs = asn1.fromDer(certDer.toString("binary")).value[0] as forge.asn1.Asn1;
  const fields = tbs.value as forge.asn1.Asn1[];
  // tbsCertificate starts with an explicit [0] version in v3 certificates; serial and issuer follow it.
  const offset = fields[0]!.tagClass === asn1.Class.CONTEXT_SPECIFIC ? 1 : 0;
  return sequence([fields[offset + 2]!, fields[offset]!]);
}

function attribute(type: string, value: forge.asn1.Asn1) {
  return sequence([oid(type), asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SET, true, [value])]);
}

function algorithm(type: string, withNull = true) {
  return sequence([oid(type), ...(withNull ? [asn1.create(asn1.Class.UNIVERSAL, asn1.Type.NULL, false, "")] : [])]);
}

function sequence(children: forge.asn1.Asn1[]) {
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, children);
}

function oid(value: string) {
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(value).getBytes());
}

function integer(value: number) {
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, asn1.integerToDer(value).getBytes());
}

function octets(bytes: Buffer) {
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OCTETSTRING, false, bytes.toString("binary"));
}

function derBytes(node: forge.asn1.Asn1) {
  return Buffer.from(asn1.toDer(node).getBytes(), "binary");
}

function pemToDer(pem: string) {
  return Buffer.from(forge.pem.decode(pem)[0]!.body, "binary");
}
