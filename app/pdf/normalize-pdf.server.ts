// Rewrites an unsigned upload so PDF.js can show page 1 of a large file after a few range requests.
//
// PDF.js reads every page dictionary before it draws page 1 when they lie scattered through the file. Grouping objects
// in object streams puts them together. Measured with PDF.js 5.6 over range requests (64 KiB chunks, auto-fetch off)
// on a flat 150-page, 30 MB file, until page 1's operator list is ready:
//   as uploaded                         153 requests, 9.8 MB
//   --object-streams=generate             5 requests, 367 KB   (a 1,000-page 200 MB file: 5 requests, 364 KB)
//   --linearize                         152 requests, 9.7 MB
//   --object-streams=generate --linearize  152 requests, 9.7 MB
// PDF.js does not use linearization hints, and qpdf's linearization keeps the other pages' dictionaries out of the
// object streams, so linearizing costs 3× the time for nothing; it is not done.
//
// Never run this on a signed file (intakePdf's `signed`): rewriting it invalidates the signature.
// It streams the file, ~20 MB RSS and ~4 s for 200 MB. `also`: more of qpdf's options for the same pass (decrypting,
// opening with a key, leaving out attachments; see intake-pdf.server.ts).
import { rm } from "node:fs/promises";
import { resolve } from "node:path";
import { runQpdf } from "./qpdf.server";

/** Writes the rewritten file to `output`; false (and nothing written) when qpdf cannot rewrite it. */
export async function normalizePdf(input: string, output: string, also: string[] = []): Promise<boolean> {
  const from = resolve(input);
  const to = resolve(output);
  if (from === to) throw new Error("normalizePdf needs an output path different from its input");

  const result = await runQpdf([...also, "--object-streams=generate", from, to]).catch(async (error: unknown) => {
    await rm(to, { force: true });
    throw error;
  });
  // Exit 3: qpdf wrote the file but warned (it repaired something); intakePdf tells the secretary what.
  if (result.exitCode === 0 || result.exitCode === 3) return true;
  // Leave nothing half-written behind.
  await rm(to, { force: true });
  return false;
}
