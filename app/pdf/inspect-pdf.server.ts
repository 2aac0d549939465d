// Decides whether an uploaded file may become a document version, without reading it into memory: a 1 KiB read for
// the header, then qpdf (which streams from disk) for encryption, structure, page count and signatures.
import { open } from "node:fs/promises";
import { resolve } from "node:path";
import { runQpdf } from "./qpdf.server";

export type PdfInspection =
  | { ok: true; pageCount: number; signed: boolean }
  | { ok: false; reason: "not_pdf" | "damaged" | "encrypted" };

// The PDF spec puts "%PDF-" at byte 0, but readers (and qpdf) accept it anywhere in the first 1024 bytes, and some
// scanners and mail gateways prepend a few bytes; refusing those would refuse files every viewer opens.
const headerWindow = 1024;

// When a file's cross-reference table is unusable, qpdf rebuilds it by scanning the file for objects and reports only
// warnings (exit 3) with whatever it found. That is how a truncated upload (an interrupted copy) looks: qpdf then
// "recovers" a document with pages missing, or an older revision. Any such reconstruction is refused as damaged, even
// when the cause is milder (offsets shifted by a tool that edited the file): viewers would open that one, but we
// cannot tell it from lost data, and re-exporting the file fixes it. Other warnings (a stream /Length off by a few
// bytes, a stray keyword) are common in files from office software, change nothing readers see, and are accepted.
const structuralDamage = /file is damaged|reconstruct cross-reference table|can't find startxref/i;

export async function inspectPdf(path: string): Promise<PdfInspection> {
  // qpdf reads an argument starting with "-" as an option; an absolute path never does.
  const file = resolve(path);
  if (!(await hasPdfHeader(file))) return { ok: false, reason: "not_pdf" };

  // --requires-password exits 0 when a password is needed to open the file, 2 when it is not encrypted (or cannot be
  // read at all; --check below tells those apart), 3 when it is encrypted but opens with the empty user password.
  // The last kind (an owner password that only restricts printing or editing) opens in every viewer without a
  // prompt, so it is accepted; qpdf keeps its encryption when normalising, and pdf-lib opens it with password "".
  const password = await runQpdf(["--requires-password", file]);
  if (password.exitCode === 0) return { ok: false, reason: "encrypted" };

  // --check parses every object and decodes every stream: exit 2 = errors, 3 = warnings.
  const check = await runQpdf(["--check", file]);
  if (check.exitCode === 2) return { ok: false, reason: "damaged" };
  if (check.exitCode === 3 && structuralDamage.test(check.stderr)) return { ok: false, reason: "damaged" };

  const pages = await runQpdf(["--show-npages", file]);
  const pageCount = Number.parseInt(pages.stdout.trim(), 10);
  if (pages.exitCode === 2 || !Number.isInteger(pageCount) || pageCount < 1) return { ok: false, reason: "damaged" };

  return { ok: true, pageCount, signed: await hasSignature(file) };
}

async function hasPdfHeader(file: string) {
  const handle = await open(file, "r");
  try {
    const buffer = Buffer.alloc(headerWindow);
    const { bytesRead } = await handle.read(buffer, 0, headerWindow, 0);
    return buffer.subarray(0, bytesRead).includes("%PDF-", 0, "latin1");
  } finally {
    await handle.close();
  }
}

type AcroFormJson = { acroform?: { fields?: { fieldtype?: string; value?: unknown }[] } };

// A signed PDF has a signature field (/FT /Sig) whose value (/V) is the signature dictionary with /ByteRange and
// /Contents. An empty signature field (a placeholder waiting for a signer) is not a signature: the file may still be
// rewritten. qpdf's JSON v2 "acroform" key lists the fields with inherited /FT and /V already resolved, and reads only
// the form's objects (~14 MB RSS and 40 ms on a 200 MB file).
async function hasSignature(file: string) {
  const result = await runQpdf(["--json=2", "--json-key=acroform", file]);
  // --check has just read this file; failing now is unexpected. Guessing "unsigned" could let a signed file be
  // rewritten (breaking its signature), so this is an error rather than a guess.
  if (result.exitCode === 2) throw new Error(`qpdf could not list the form fields: ${result.stderr.trim()}`);
  const json = JSON.parse(result.stdout) as AcroFormJson;
  return (json.acroform?.fields ?? []).some((field) => field.fieldtype === "/Sig" && field.value != null);
}
