// A version stored before uploads were decrypted (issue #11) may still carry an owner password: it opens without a
// prompt, but pdf-lib cannot append a revision to an encrypted file, so stamping and signing work on a decrypted copy.
// qpdf streams the file from disk, so a large scan is never held in memory for this.
import { resolve } from "node:path";
import { AppError } from "~/models/app-error";
import { runQpdf } from "./qpdf.server";

/**
 * The file to work on: `input` itself when it is not encrypted; otherwise a decrypted copy written to `output`, which
 * it returns. A file that asks for a password to open (never accepted on upload) is refused.
 */
export async function decryptPdf(input: string, output: string): Promise<string> {
  // qpdf reads an argument starting with "-" as an option; an absolute path never does.
  const from = resolve(input);
  const to = resolve(output);
  // --requires-password: 0 a password is needed, 3 encrypted but opens with the empty password, 2 not encrypted (or
  // not readable at all, which the next step reports).
  const password = await runQpdf(["--requires-password", from]);
  if (password.exitCode === 2) return from;
  if (password.exitCode === 0) throw new AppError("unprocessable", "signing.errors.encrypted");
  // Exit 3: written, with warnings about something qpdf repaired on the way.
  const decrypted = await runQpdf(["--decrypt", from, to]);
  if (decrypted.exitCode === 2) throw new Error(`qpdf could not decrypt the PDF: ${decrypted.stderr.trim()}`);
  return to;
}
