// What an uploaded file becomes (issue #11): accepted as it is, accepted after qpdf repaired or decrypted it, or
// refused — refused only when no reader could show it (a user password, or page 1 that cannot be drawn even after
// repair). Every answer of qpdf and PDF.js is one of these outcomes; none is an exception.
//
// Nothing is read into memory: a 1 KiB read for the header, then qpdf, which streams from disk. The file to store is
// written to `output` (normalised, and repaired or decrypted where needed), except for signed files, which are kept
// byte for byte: rewriting them would break their signatures.
import { open } from "node:fs/promises";
import { resolve } from "node:path";
import { checkFirstPage } from "./first-page.server";
import { normalizePdf } from "./normalize-pdf.server";
import { QpdfFailedError, runQpdf } from "./qpdf.server";

/** What happened to the file on its way in; `clean` files are stored normalised, nothing else changed. */
export type IntakeKind = "clean" | "repaired" | "damaged_streams" | "decrypted";
export type IntakeRefusal = "not_pdf" | "damaged" | "encrypted" | "unrenderable" | "too_complex";
/** What the secretary is told of an accepted file (documents.intake.* messages). */
export type IntakeNote = { key: "repaired" | "damagedStreams" | "damagedObjects" | "decrypted" | "attachmentsRemoved"; params?: Record<string, string> };

export type Intake =
  | { ok: true; kind: IntakeKind; notes: IntakeNote[]; pageCount: number; signed: boolean; rewritten: boolean }
  | { ok: false; reason: IntakeRefusal };

// The PDF spec puts "%PDF-" at byte 0, but readers (and qpdf) accept it anywhere in the first 1024 bytes, and some
// scanners and mail gateways prepend a few bytes; refusing those would refuse files every viewer opens.
const headerWindow = 1024;

// Attachments-only encryption (/StmF and /StrF /Identity, only /EFF encrypted): the pages are plain, but qpdf wants a
// key to open the file at all. Any key does, since nothing it reads is encrypted; the attachments themselves cannot be
// read without the password and are left out of the stored copy.
const anyKey = ["--password-is-hex-key", `--password=${"00".repeat(16)}`];

export async function intakePdf(input: string, output: string): Promise<Intake> {
  try {
    return await intake(resolve(input), resolve(output));
  } catch (error) {
    // qpdf out of time or crashed on this file: the file is more than we can check, and so more than we can vouch for.
    if (error instanceof QpdfFailedError) return { ok: false, reason: error.kind === "timeout" ? "too_complex" : "damaged" };
    throw error;
  }
}

async function intake(file: string, output: string): Promise<Intake> {
  if (!(await hasPdfHeader(file))) return { ok: false, reason: "not_pdf" };

  const encryption = await encryptionOf(file);
  if (encryption === "password") return { ok: false, reason: "encrypted" };
  const open = encryption === "attachments" ? anyKey : [];

  // --check parses every object and decodes every stream: 0 fine, 3 warnings (qpdf repaired something: a rebuilt
  // cross-reference table, a recovered stream length), 2 errors (streams it could not decode, or no document at all).
  const check = await runQpdf([...open, "--check", file]);
  const damage = classify(check.exitCode, check.stderr);
  if (damage.fatal) return { ok: false, reason: "damaged" };

  const signed = await hasSignature(file, open);
  if (signed === null) return { ok: false, reason: "damaged" };
  const notes: IntakeNote[] = [];
  if (signed) {
    // Kept byte for byte; a signed file qpdf had to repair is one whose signature no longer holds anyway, but it is
    // the record as received. It must still show.
    if (damage.kind !== "clean" || encryption !== "none") {
      const first = await checkFirstPage(file, { pageOneDamaged: damage.pageOne });
      if (!first.ok) return { ok: false, reason: first.reason };
    }
    return { ok: true, kind: "clean", notes, pageCount: await pageCount(file, open), signed, rewritten: false };
  }

  const rewrite = [...open];
  if (encryption !== "none") {
    rewrite.push("--decrypt");
    notes.push({ key: "decrypted" });
  }
  if (encryption === "attachments") {
    for (const key of await attachmentKeys(file, open)) rewrite.push(`--remove-attachment=${key}`);
    notes.push({ key: "attachmentsRemoved" });
  }
  if (damage.kind === "repaired") notes.unshift({ key: "repaired" });
  if (damage.kind === "damaged_streams") notes.unshift(damage.pages.length ? { key: "damagedStreams", params: { pages: damage.pages.join(", ") } } : { key: "damagedObjects" });

  if (!(await normalizePdf(file, output, rewrite))) return { ok: false, reason: "damaged" };
  // Rebuilt without a single page: what is left of a cut file (the page tree was in the part that is missing).
  const pages = await pageCount(output, []);
  if (pages < 1) return { ok: false, reason: "damaged" };
  const kind: IntakeKind = damage.kind !== "clean" ? damage.kind : encryption !== "none" ? "decrypted" : "clean";
  if (kind !== "clean") {
    const first = await checkFirstPage(output, { pageOneDamaged: damage.pageOne });
    if (!first.ok) return { ok: false, reason: first.reason };
  }
  return { ok: true, kind, notes, pageCount: pages, signed: false, rewritten: true };
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

/**
 * `--requires-password` exits 0 when a password is needed to open the file, 3 when it is encrypted but opens with the
 * empty user password (an owner password that only restricts printing or copying: every viewer opens it without a
 * prompt), 2 when it is not encrypted or cannot be read (--check tells those apart). A file that asks for a password
 * only for its attachments is readable all the same.
 */
async function encryptionOf(file: string): Promise<"none" | "owner" | "attachments" | "password"> {
  const password = await runQpdf(["--requires-password", file]);
  if (password.exitCode === 2) return "none";
  const shown = await runQpdf(["--show-encryption", file]);
  const attachmentsOnly = /stream encryption method: none/.test(shown.stdout) && /string encryption method: none/.test(shown.stdout);
  if (attachmentsOnly) return "attachments";
  return password.exitCode === 0 ? "password" : "owner";
}

type Damage = { fatal: boolean; kind: "clean" | "repaired" | "damaged_streams"; pages: number[]; pageOne: boolean };

// Errors qpdf cannot get past: no document left to repair.
const beyondRepair = /unable to find trailer|no valid objects|not a PDF file|unable to find \/Root|unable to find page tree/i;
// Warnings about streams whose data is lost (not merely mislabelled): the pages that use them may draw incompletely.
// Inside an object stream, an "unknown token" means its objects were read from the wrong place (a bad /First).
const lostData = /error decoding stream data|object stream header|errors while decoding|object stream \d+ .*unknown token/i;

function classify(exitCode: number, stderr: string): Damage {
  const pages = [...new Set([...stderr.matchAll(/page (\d+):/g)].map((m) => Number(m[1])))].sort((a, b) => a - b);
  const pageOne = pages.includes(1);
  if (exitCode === 0) return { fatal: false, kind: "clean", pages, pageOne };
  if (exitCode === 2 && beyondRepair.test(stderr)) return { fatal: true, kind: "clean", pages, pageOne };
  if (exitCode === 2 || lostData.test(stderr)) return { fatal: false, kind: "damaged_streams", pages, pageOne };
  return { fatal: false, kind: "repaired", pages, pageOne };
}

type AcroFormJson = { acroform?: { fields?: { fieldtype?: string; value?: unknown }[] } };

// A signed PDF has a signature field (/FT /Sig) whose value (/V) is the signature dictionary with /ByteRange and
// /Contents. An empty signature field (a placeholder waiting for a signer) is not a signature: the file may still be
// rewritten. qpdf's JSON v2 "acroform" key lists the fields with inherited /FT and /V already resolved, and reads only
// the form's objects (~14 MB RSS and 40 ms on a 200 MB file). Widget annotations without an /AcroForm (so no form,
// and no signature a reader would check) make qpdf answer with an error about a null dictionary: unsigned.
// null: qpdf could not say; guessing "unsigned" could let a signed file be rewritten, so the file is refused.
async function hasSignature(file: string, open: string[]): Promise<boolean | null> {
  const result = await runQpdf([...open, "--json=2", "--json-key=acroform", file]);
  if (result.exitCode === 2) return /operation for dictionary attempted on object of type null/.test(result.stderr) ? false : null;
  try {
    const json = JSON.parse(result.stdout) as AcroFormJson;
    return (json.acroform?.fields ?? []).some((field) => field.fieldtype === "/Sig" && field.value != null);
  } catch {
    return null;
  }
}

async function attachmentKeys(file: string, open: string[]) {
  const result = await runQpdf([...open, "--json=2", "--json-key=attachments", file]);
  try {
    return Object.keys((JSON.parse(result.stdout) as { attachments?: Record<string, unknown> }).attachments ?? {});
  } catch {
    return [];
  }
}

async function pageCount(file: string, open: string[]) {
  const pages = await runQpdf([...open, "--show-npages", file]);
  const count = Number.parseInt(pages.stdout.trim(), 10);
  return pages.exitCode !== 2 && Number.isInteger(count) ? count : 0;
}
