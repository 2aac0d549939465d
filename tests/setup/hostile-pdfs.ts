// The hostile corpus (issue #11 item 2): files broken, locked and odd in the ways real uploads are, each with what the
// upload must answer. Made at test time from a few base files: the five-page budget report (pdf-lib), qpdf's
// rewrites of it (encryption of every kind, linearization), and one file written by hand, since qpdf cannot write
// attachments-only encryption.
//
// Damage is done by editing bytes in place where possible (a number replaced by one of the same width, a stream's data
// overwritten by as many bad bytes), so that every other offset stays right and each variant has the one fault its
// name says. The bytes differ from run to run (pdf-lib's random font names and dates, qpdf's salts), the faults and
// so the expected answers do not.
import { execFileSync } from "node:child_process";
import { createCipheriv, createHash } from "node:crypto";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { crc32, deflateSync } from "node:zlib";
import { PDFArray, PDFDocument, PDFName, PDFRef, PDFString, StandardFonts } from "pdf-lib";
import { budgetReportPages, fakeDocx, makeMixedPdf, makePdf, truncate } from "./pdf-fixtures";

/** What the upload answers: the intake kind of an accepted file, or the reason of a refusal. */
export type Outcome =
  | "clean"
  | "repaired"
  | "damaged_streams"
  | "decrypted"
  | "refused:not_pdf"
  | "refused:damaged"
  | "refused:encrypted"
  | "refused:unrenderable";

/** One file of the corpus. `expect` is a list only where two answers are equally right (said in `why`). */
export type HostileCase = { name: string; file: string; expect: Outcome; why: string };

/** Writes the corpus into `dir` (one `<name>.pdf` per case) and lists it. Takes a few seconds. */
export async function hostileCorpus(dir: string): Promise<HostileCase[]> {
  const cases: HostileCase[] = [];
  const add: Add = (name, content, expect, why) => {
    const file = join(dir, `${name}.pdf`);
    if (typeof content === "function") content(file);
    else writeFileSync(file, typeof content === "string" ? Buffer.from(content, "latin1") : content);
    cases.push({ name, file, expect, why });
    return file;
  };
  const qpdf = (args: string[], input: Uint8Array) => {
    const source = join(dir, ".qpdf-in");
    const output = join(dir, ".qpdf-out");
    writeFileSync(source, input);
    execFileSync("qpdf", [...args, source, output]);
    const bytes = readFileSync(output);
    rmSync(source);
    rmSync(output);
    return bytes;
  };

  const report = await makePdf(budgetReportPages());
  const reportFile = add("clean-report", report, "clean", "the five-page budget report as pdf-lib writes it: the base of most variants");
  await addStructureDamage(add, report, reportFile);
  await addIncrementalUpdates(add, report);
  addLinearized(add, qpdf(["--linearize"], report));
  const withAttachment = await makePdf(budgetReportPages(), { attachmentBytes: 3000 });
  addEncryption(add, qpdf, report, withAttachment);
  await addOddButFine(add, report, withAttachment);
  addNotPdf(add);
  return cases;
}

/** Adds a case: its bytes (a string is latin-1), or a function that writes its file. Returns the file's path. */
type Add = (name: string, content: Uint8Array | string | ((file: string) => void), expect: Outcome, why: string) => string;
type Qpdf = (args: string[], input: Uint8Array) => Buffer;

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString("latin1");

/** Cuts, shifted and missing cross-reference data, wrong stream lengths and undecodable page content. */
async function addStructureDamage(add: Add, report: Uint8Array, reportFile: string) {
  const pdf = latin1(report);
  const xref = pdf.lastIndexOf("\nxref\n") + 1;
  const trailer = pdf.indexOf("trailer", xref);
  const startxref = pdf.lastIndexOf("startxref");

  add("junk-before-header", `${"Received: from mail-gateway\r\n".repeat(8)}${pdf}`, "clean", "a mail gateway's lines before %PDF- (within the first KiB, where readers look for the header)");
  add("cut-before-eof", pdf.slice(0, pdf.lastIndexOf("%%EOF")), "clean", "only the %%EOF marker lost: nothing a reader needs");
  for (const percent of [30, 60, 90]) {
    const why = `an interrupted copy, ${percent} % of the file: no trailer left, so no catalog to rebuild from`;
    add(`truncated-${percent}`, (file) => truncate(reportFile, file, percent / 100), "refused:damaged", why);
  }
  add("cut-inside-xref", pdf.slice(0, xref + 40), "refused:damaged", "cut in the middle of the cross-reference table: the trailer (and the catalog it names) is gone");

  add("header-shifted", pdf.replace("\n", "\n% a line added by an editing tool\n"), "repaired", "a line inserted after the header moves every object away from its recorded offset");
  add("startxref-off", pdf.slice(0, startxref) + pdf.slice(startxref).replace(/\d+/, (n) => String(Number(n) + 7)), "repaired", "startxref points 7 bytes past the table");
  const shiftedTable = pdf.slice(xref, trailer).replace(/^(\d{10}) 00000 n/gm, (_, n: string) => `${String(Number(n) + 5).padStart(10, "0")} 00000 n`);
  add("xref-offsets-off", pdf.slice(0, xref) + shiftedTable + pdf.slice(trailer), "repaired", "every offset in the table 5 bytes too far");
  add("xref-removed", pdf.slice(0, xref) + pdf.slice(trailer), "repaired", "no cross-reference table; startxref points at the trailer instead");
  add("xref-and-startxref-removed", pdf.slice(0, xref) + pdf.slice(trailer, startxref) + "%%EOF", "repaired", "neither a table nor startxref: qpdf rebuilds from the objects");

  const doc = await PDFDocument.load(report);
  const content = (page: number) => contentStreamOf(doc, page);
  const pageOne = streamIn(pdf, content(1));
  add("length-too-long", setLength(pdf, pageOne, pageOne.length + 3), "repaired", "page 1's content stream /Length 3 bytes too long (endstream not where it says)");
  add("length-too-short", setLength(pdf, pageOne, pageOne.length - 10), "repaired", "page 1's content stream /Length 10 bytes too short");
  add("length-huge", setLength(pdf, pageOne, 999_999), "repaired", "page 1's content stream /Length past the end of the file (the longer number also moves the objects after it)");
  add("page-3-content-undecodable", spoilStream(pdf, streamIn(pdf, content(3))), "damaged_streams", "page 3's content stream is not valid deflate data: the other pages draw, page 3 is blank");
  add("page-1-content-undecodable", spoilStream(pdf, pageOne), "refused:unrenderable", "page 1's content stream is not valid deflate data: page 1 cannot be drawn even after repair");
}

/**
 * An update appended to the report (as a second editor would): a note on page 3 in Courier. The packed form keeps the
 * note's font in an object stream; breaking that stream loses only the note's font, so pages 1, 2, 4 and 5 and the
 * report's own text on page 3 still draw.
 */
async function addIncrementalUpdates(add: Add, report: Uint8Array) {
  const updated = latin1(await appendNote(report, false));
  add("incremental-update", updated, "clean", "a second revision appended with its own xref table and /Prev");
  const lastStartxref = updated.lastIndexOf("startxref");
  add("incremental-startxref-off", updated.slice(0, lastStartxref) + updated.slice(lastStartxref).replace(/\d+/, (n) => String(Number(n) - 13)), "repaired", "the last startxref points 13 bytes before the update's table");

  const packed = latin1(await appendNote(report, true));
  const objstm = objectStreamIn(packed, report.length);
  // Four bytes into the font's "<<\n/Type": the object read there is the bare word "Type", not a dictionary. (Other
  // offsets can land on a name or a number, which qpdf accepts without a word.) Both numbers are one digit wide.
  add("objstm-first-off", replaceAt(packed, objstm.firstAt, `/First ${objstm.first + 4}`, `/First ${objstm.first}`), "damaged_streams", "the update's object stream says its first object starts 4 bytes later than it does: the note's font is unreadable");
  add("objstm-count-off", replaceAt(packed, objstm.countAt, `/N ${objstm.count + 8}`, `/N ${objstm.count}`), "damaged_streams", "the update's object stream claims 8 more objects than it holds");
  add("objstm-data-corrupt", spoilStream(packed, objstm.stream), "damaged_streams", "the update's object stream is not valid deflate data");
}

async function appendNote(report: Uint8Array, useObjectStreams: boolean) {
  const doc = await PDFDocument.load(report, { forIncrementalUpdate: true, updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Courier);
  doc.getPage(2).drawText("Bo sung ngay 02/12: xem phu luc kem theo.", { x: 60, y: 120, size: 12, font });
  return doc.save({ useObjectStreams });
}

/**
 * A linearized file starts with page 1 and an xref table of its own, and ends with the rest and the main table; qpdf
 * writes the page tree's root with the other pages, after page 1's section.
 */
function addLinearized(add: Add, linearized: Uint8Array) {
  add("linearized", linearized, "clean", "qpdf --linearize (\"fast web view\")");
  const mainXref = latin1(linearized).lastIndexOf("\nxref\n") + 1;
  add("linearized-cut-before-main-xref", linearized.subarray(0, mainXref), "repaired", "a download of a linearized file stopped in its last few hundred bytes: the main xref table and trailer are lost, every object is there");
  add(
    "linearized-cut-50",
    linearized.subarray(0, Math.floor(linearized.length * 0.5)),
    "refused:damaged",
    "a linearized file cut at 50 %: qpdf rebuilds a document without its page tree, so there is no page 1 — a cut file",
  );
}

/**
 * Every cipher and permission qpdf writes, with and without a user password, plus the encryption dictionaries that
 * lie: an owner password only restricts printing or editing, so the file opens everywhere and must be accepted
 * (decrypted, so that export and signing can write to it); a user password cannot be guessed.
 */
function addEncryption(add: Add, qpdf: Qpdf, report: Uint8Array, withAttachment: Uint8Array) {
  // qpdf 11 writes RC4 (and 40-bit keys) only when told it may.
  const encrypt = (user: string, owner: string, bits: 40 | 128 | 256, options: string[] = [], base = report) => {
    const weak = bits === 40 || options.includes("--use-aes=n") ? ["--allow-weak-crypto"] : [];
    return qpdf([...weak, "--encrypt", user, owner, String(bits), ...options, "--"], base);
  };

  const ownerOnly: [string, 40 | 128 | 256, string[], string][] = [
    ["rc4-40", 40, [], "RC4 40-bit (PDF 1.1), everything allowed"],
    ["rc4-40-restricted", 40, ["--print=n", "--modify=n", "--extract=n", "--annotate=n"], "RC4 40-bit, nothing allowed"],
    ["rc4-128", 128, ["--use-aes=n"], "RC4 128-bit (R3)"],
    ["rc4-128-print-low", 128, ["--use-aes=n", "--print=low", "--modify=none"], "RC4 128-bit, low-resolution printing only, no changes"],
    ["rc4-128-crypt-filter", 128, ["--use-aes=n", "--force-V4"], "RC4 128-bit through a V4 crypt filter"],
    ["aes-128", 128, ["--use-aes=y"], "AES 128-bit (R4)"],
    ["aes-128-forms-only", 128, ["--use-aes=y", "--modify=form", "--extract=n"], "AES 128-bit, only form filling allowed"],
    ["aes-128-clear-metadata", 128, ["--use-aes=y", "--cleartext-metadata"], "AES 128-bit with /EncryptMetadata false"],
    ["aes-256", 256, [], "AES 256-bit (R6)"],
    ["aes-256-r5", 256, ["--force-R5"], "AES 256-bit in Acrobat 9's deprecated R5"],
    ["aes-256-annotate-only", 256, ["--modify=annotate"], "AES 256-bit, only comments allowed"],
    ["aes-256-restricted", 256, ["--print=none", "--modify=none", "--extract=n", "--annotate=n", "--assemble=n", "--form=n", "--modify-other=n"], "AES 256-bit, every permission withdrawn"],
  ];
  for (const [name, bits, options, why] of ownerOnly) {
    add(`owner-password-${name}`, encrypt("", "chu-so-huu", bits, options), "decrypted", `an owner password only: ${why}`);
  }
  add("owner-password-with-attachment", encrypt("", "chu-so-huu", 256, [], withAttachment), "decrypted", "an owner password on a file with an attachment (encrypted with the rest)");
  add("empty-passwords", encrypt("", "", 256, ["--allow-insecure"]), "decrypted", "encrypted with both passwords empty");
  add("empty-owner-password", encrypt("mat-khau", "", 256, ["--allow-insecure"]), "decrypted", "a user password but an empty owner password: the empty password opens it as owner");

  const userPassword: [string, 40 | 128 | 256, string[]][] = [
    ["rc4-40", 40, []],
    ["rc4-128", 128, ["--use-aes=n"]],
    ["aes-128", 128, ["--use-aes=y"]],
    ["aes-256", 256, []],
  ];
  for (const [name, bits, options] of userPassword) {
    add(`user-password-${name}`, encrypt("mat-khau", "chu-so-huu", bits, options), "refused:encrypted", "opens only with a password the secretary must remove first");
  }

  // Same-width edits of the encryption dictionary, so the file still parses but the dictionary no longer fits the data.
  const aes128 = latin1(encrypt("", "chu-so-huu", 128, ["--use-aes=y"]));
  add("encryption-says-rc4-but-aes", aes128.replaceAll("/CFM /AESV2", "/CFM /V2   "), "refused:unrenderable", "a V4 crypt filter says RC4 (/V2) for AES data: it opens, but no stream decrypts, so page 1 cannot be drawn");
  const rc4128 = latin1(encrypt("", "chu-so-huu", 128, ["--use-aes=n"]));
  add("encryption-key-length-wrong", rc4128.replace("/Length 128", "/Length 40 "), "refused:encrypted", "an RC4 dictionary whose /Length (40) is not the key's: the empty password no longer matches, as if a user password were set");

  add("attachments-only-no-password", attachmentsOnlyPdf({ userPassword: "", cipher: "AESV2" }), "decrypted", "only the embedded file is encrypted (/EFF, AES), pages in clear; no password at all");
  add("attachments-only-user-password", attachmentsOnlyPdf({ userPassword: "tep-dinh-kem", cipher: "AESV2" }), "decrypted", "only the embedded file is encrypted, with a password asked when it is opened: the pages need none");
  add("attachments-only-user-password-rc4", attachmentsOnlyPdf({ userPassword: "tep-dinh-kem", cipher: "V2" }), "decrypted", "the same with an RC4 crypt filter for the attachment");
}

/** Files that look alarming but are ordinary: readers show them, and so must we. */
async function addOddButFine(add: Add, report: Uint8Array, withAttachment: Uint8Array) {
  add("with-attachment", withAttachment, "clean", "an embedded file, not encrypted");

  add(
    "widget-without-acroform",
    await edit(report, (doc) => {
      const page = doc.getPage(0);
      page.node.addAnnot(doc.context.register(doc.context.obj({ Type: "Annot", Subtype: "Widget", FT: "Tx", T: PDFString.of("ho_ten"), Rect: [60, 100, 300, 130], P: page.ref, F: 4 })));
    }),
    "clean",
    "a text-field widget with no /AcroForm in the catalog (qpdf's form query exits with an error on it)",
  );
  add(
    "signature-widget-without-acroform",
    await edit(report, (doc) => {
      const page = doc.getPage(0);
      page.node.addAnnot(doc.context.register(doc.context.obj({ Type: "Annot", Subtype: "Widget", FT: "Sig", T: PDFString.of("chu_ky"), Rect: [0, 0, 0, 0], P: page.ref })));
    }),
    "clean",
    "an empty signature widget with no /AcroForm: no signature anyone checks",
  );

  const script = (js: string) => ({ S: "JavaScript", JS: PDFString.of(js) });
  add("javascript-open-action", await edit(report, (doc) => doc.catalog.set(PDFName.of("OpenAction"), doc.context.obj(script("app.alert('Xin chao');")))), "clean", "JavaScript run when the file opens (/OpenAction): ours never runs it");
  add(
    "javascript-names-tree",
    await edit(report, (doc) => doc.catalog.set(PDFName.of("Names"), doc.context.obj({ JavaScript: { Names: [PDFString.of("khoi-dong"), script("this.print();")] } }))),
    "clean",
    "document-level JavaScript in the /Names tree",
  );
  add(
    "javascript-link",
    await edit(report, (doc) => {
      doc.getPage(0).node.addAnnot(doc.context.register(doc.context.obj({ Type: "Annot", Subtype: "Link", Rect: [60, 770, 400, 800], Border: [0, 0, 0], A: script("app.launchURL('http://example.invalid');") })));
    }),
    "clean",
    "a link on page 1 whose action is JavaScript",
  );

  add(
    "rotated-pages",
    await makeMixedPdf([
      { label: "A4 turned by /Rotate 90", mediaBox: [0, 0, 595, 842], rotate: 90 },
      { label: "upside down", mediaBox: [0, 0, 595, 842], rotate: 180 },
      { label: "cropped and turned by /Rotate 270", mediaBox: [0, 0, 600, 800], cropBox: [100, 40, 560, 760], rotate: 270 },
    ]),
    "clean",
    "pages turned by /Rotate 90, 180 and 270, one with a crop box away from the origin",
  );
  add(
    "mixed-sizes",
    await makeMixedPdf([
      { label: "scan", mediaBox: [0, 0, 612, 792], scanned: true },
      { label: "A3 landscape", mediaBox: [0, 0, 1191, 842] },
      { label: "A5", mediaBox: [0, 0, 420, 595] },
      { label: "paper not at the origin", mediaBox: [-200, -300, 395, 542] },
    ]),
    "clean",
    "Letter (a scanned page, image only), A3 landscape, A5 and a media box away from the origin in one file",
  );
  add("five-thousand-pages", await manyTinyPages(5000), "clean", "5,000 small pages, each with one line");
}

function addNotPdf(add: Add) {
  add("not-pdf-png", tinyPng(), "refused:not_pdf", "a PNG image renamed .pdf");
  add("not-pdf-word", fakeDocx, "refused:not_pdf", "a Word file (a zip) renamed .pdf");
  add(
    "not-pdf-html",
    Buffer.from("<!DOCTYPE html>\n<html lang=\"vi\"><head><title>404</title></head><body><h1>Không tìm thấy tệp</h1></body></html>\n"),
    "refused:not_pdf",
    "an error page a browser saved under the PDF's name",
  );
}

/** The report loaded, changed by `change`, and written again whole (no object streams, so offsets are plain). */
async function edit(report: Uint8Array, change: (doc: PDFDocument) => void) {
  const doc = await PDFDocument.load(report);
  change(doc);
  return doc.save({ useObjectStreams: false });
}

/** `count` small pages saying "Trang N", written as raw operators (drawText would take twice as long). */
async function manyTinyPages(count: number) {
  const doc = await PDFDocument.create();
  const resources = doc.context.register(doc.context.obj({ Font: { F1: { Type: "Font", Subtype: "Type1", BaseFont: "Helvetica" } } }));
  for (let n = 1; n <= count; n++) {
    const page = doc.addPage([210, 298]);
    page.node.set(PDFName.of("Resources"), resources);
    page.node.set(PDFName.of("Contents"), doc.context.register(doc.context.stream(`BT /F1 24 Tf 20 250 Td (Trang ${n}) Tj ET`)));
  }
  return doc.save({ useObjectStreams: false });
}

/** The object number of page `page`'s (first) content stream. */
function contentStreamOf(doc: PDFDocument, page: number) {
  const contents = doc.getPage(page - 1).node.get(PDFName.of("Contents"));
  const ref = contents instanceof PDFArray ? contents.get(0) : contents;
  if (!(ref instanceof PDFRef)) throw new Error(`page ${page} has no content stream`);
  return ref.objectNumber;
}

type StreamAt = { lengthAt: number; length: number; dataAt: number };

/** Where object `objectNumber`'s /Length and data are, in a file without object streams. */
function streamIn(pdf: string, objectNumber: number): StreamAt {
  const start = pdf.search(new RegExp(`(?:^|[\\r\\n])${objectNumber} 0 obj\\b`));
  if (start < 0) throw new Error(`object ${objectNumber} not found`);
  return streamFrom(pdf, start);
}

function streamFrom(pdf: string, objectStart: number): StreamAt {
  const keyword = pdf.indexOf("stream", objectStart);
  const length = /\/Length (\d+)/.exec(pdf.slice(objectStart, keyword));
  if (!length) throw new Error(`no /Length at ${objectStart}`);
  return { lengthAt: objectStart + length.index, length: Number(length[1]), dataAt: keyword + (pdf[keyword + 6] === "\r" ? 8 : 7) };
}

/** The stream's /Length set to `value`, padded with spaces to the old width when shorter, so later offsets hold. */
function setLength(pdf: string, stream: StreamAt, value: number) {
  const old = `/Length ${stream.length}`;
  return replaceAt(pdf, stream.lengthAt, `/Length ${value}`.padEnd(old.length), old);
}

/**
 * The stream's data replaced by as many bytes of a deflate stream that no inflater accepts: a zlib header, then a
 * block of the reserved type 3. Overwriting rather than flipping bytes makes the failure certain (flipped deflate data
 * sometimes still inflates) and keeps every offset.
 */
function spoilStream(pdf: string, stream: StreamAt) {
  const bad = "\x78\x9c\x07".padEnd(stream.length, "\x00");
  return pdf.slice(0, stream.dataAt) + bad + pdf.slice(stream.dataAt + stream.length);
}

function replaceAt(pdf: string, at: number, replacement: string, expected: string) {
  if (!pdf.startsWith(expected, at)) throw new Error(`expected ${expected} at ${at}`);
  return pdf.slice(0, at) + replacement + pdf.slice(at + expected.length);
}

/** The first object stream written after `from` (the appended update), with where its header numbers are. */
function objectStreamIn(pdf: string, from: number) {
  const type = pdf.indexOf("/Type /ObjStm", from);
  if (type < 0) throw new Error("the update has no object stream");
  const start = pdf.lastIndexOf(" obj", type);
  const dict = pdf.slice(start, pdf.indexOf("stream", type));
  const first = /\/First (\d+)/.exec(dict)!;
  const count = /\/N (\d+)/.exec(dict)!;
  return { firstAt: start + first.index, first: Number(first[1]), countAt: start + count.index, count: Number(count[1]), stream: streamFrom(pdf, start) };
}

// --- Attachments-only encryption (ISO 32000-1 §7.6.5): /StmF and /StrF are /Identity, only /EFF (embedded files)
// --- names a crypt filter. qpdf cannot write this; the standard security handler's revision 4 is done by hand here.

const passwordPadding = Buffer.from("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A", "hex");
const md5 = (...parts: Buffer[]) => createHash("md5").update(Buffer.concat(parts)).digest();
const padded = (password: string) => Buffer.concat([Buffer.from(password, "latin1"), passwordPadding]).subarray(0, 32);

function rc4(key: Buffer, data: Buffer) {
  const s = [...Array(256).keys()];
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + s[i] + key[i % key.length]) & 255;
    [s[i], s[j]] = [s[j], s[i]];
  }
  const out = Buffer.alloc(data.length);
  for (let k = 0, i = 0, j = 0; k < data.length; k++) {
    i = (i + 1) & 255;
    j = (j + s[i]) & 255;
    [s[i], s[j]] = [s[j], s[i]];
    out[k] = data[k] ^ s[(s[i] + s[j]) & 255];
  }
  return out;
}

/** RC4 applied 20 times with the key XOR-ed by 0…19 (algorithms 3 and 5, revision 3 and later). */
function rc4Rounds(key: Buffer, data: Buffer) {
  let out = data;
  for (let round = 0; round < 20; round++) out = rc4(Buffer.from(key.map((b) => b ^ round)), out);
  return out;
}

/** MD5 re-hashed 50 times (revision 3 and later). */
function md5Rounds(digest: Buffer) {
  let out = digest;
  for (let i = 0; i < 50; i++) out = md5(out);
  return out;
}

/**
 * A one-page PDF with one embedded file, encrypted the way Acrobat's "encrypt only file attachments" does: the page
 * and its strings are in clear, the attachment's stream is encrypted with `cipher` under `userPassword` (empty: none).
 * Deterministic: a fixed file ID and AES IV.
 */
function attachmentsOnlyPdf({ userPassword, cipher }: { userPassword: string; cipher: "AESV2" | "V2" }) {
  const id = md5(Buffer.from("PhòngHọp hostile corpus"));
  const permissions = Buffer.alloc(4);
  permissions.writeInt32LE(-4);
  const ownerKey = md5Rounds(md5(padded("chu-so-huu")));
  const o = rc4Rounds(ownerKey, padded(userPassword));
  // /EncryptMetadata false adds four 0xFF bytes to the key's hash (algorithm 2, step f).
  const fileKey = md5Rounds(md5(padded(userPassword), o, permissions, id, Buffer.from([255, 255, 255, 255])));
  const u = Buffer.concat([rc4Rounds(fileKey, md5(passwordPadding, id)), Buffer.alloc(16)]);

  const attachment = Buffer.from("Phu luc: bang so lieu chi tiet, chi mo duoc bang mat khau tep dinh kem.\n".repeat(20));
  const attachmentObject = 6;
  const objectKey = md5(fileKey, Buffer.from([attachmentObject, 0, 0, 0, 0]), cipher === "AESV2" ? Buffer.from("sAlT") : Buffer.alloc(0));
  let encrypted: Buffer;
  if (cipher === "AESV2") {
    const iv = md5(Buffer.from("iv"));
    const aes = createCipheriv("aes-128-cbc", objectKey, iv);
    encrypted = Buffer.concat([iv, aes.update(attachment), aes.final()]);
  } else {
    encrypted = rc4(objectKey, attachment);
  }

  const content = Buffer.from("BT /F1 24 Tf 72 760 Td (Trang 1: to trinh co tep dinh kem) Tj ET\n");
  const objects: (string | [string, Buffer])[] = [
    "<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles << /Names [(so-lieu.txt) 5 0 R] >> >> >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 8 0 R >> >> /Contents 4 0 R >>",
    [`<< /Length ${content.length} >>`, content],
    "<< /Type /Filespec /F (so-lieu.txt) /UF (so-lieu.txt) /EF << /F 6 0 R >> >>",
    [`<< /Type /EmbeddedFile /Subtype /text#2Fplain /Length ${encrypted.length} /Params << /Size ${attachment.length} >> >>`, encrypted],
    `<< /Filter /Standard /V 4 /R 4 /Length 128 /CF << /StdCF << /CFM /${cipher} /AuthEvent /EFOpen /Length 16 >> >> /StmF /Identity /StrF /Identity /EFF /StdCF /O <${o.toString("hex")}> /U <${u.toString("hex")}> /P -4 /EncryptMetadata false >>`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  const parts = [Buffer.from("%PDF-1.6\n%\xe2\xe3\xcf\xd3\n", "latin1")];
  const offsets: number[] = [];
  let position = parts[0].length;
  objects.forEach((object, i) => {
    const bytes = Array.isArray(object)
      ? Buffer.concat([Buffer.from(`${i + 1} 0 obj\n${object[0]}\nstream\n`), object[1], Buffer.from("\nendstream\nendobj\n")])
      : Buffer.from(`${i + 1} 0 obj\n${object}\nendobj\n`);
    offsets.push(position);
    parts.push(bytes);
    position += bytes.length;
  });
  const table = offsets.map((offset) => `${String(offset).padStart(10, "0")} 00000 n \n`).join("");
  const hexId = id.toString("hex");
  parts.push(
    Buffer.from(
      `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${table}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Encrypt 7 0 R /ID [<${hexId}> <${hexId}>] >>\nstartxref\n${position}\n%%EOF\n`,
    ),
  );
  return Buffer.concat(parts);
}

/** A real 16×16 grey PNG. */
function tinyPng() {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(16, 0);
  header.writeUInt32BE(16, 4);
  header.set([8, 0, 0, 0, 0], 8);
  const rows = Buffer.concat(Array.from({ length: 16 }, (_, y) => Buffer.from([0, ...Array.from({ length: 16 }, (_, x) => (x + y) * 8)])));
  return Buffer.concat([Buffer.from("\x89PNG\r\n\x1a\n", "latin1"), chunk("IHDR", header), chunk("IDAT", deflateSync(rows)), chunk("IEND", Buffer.alloc(0))]);
}
