// Verification (issue #6): each signature of a PDF — a stored version or any uploaded file — checked against the
// roots this app trusts and the certificates it has revoked.
import { readFile } from "node:fs/promises";
import { verifyPdfSignatures, type SignatureReport } from "~/pdf/verify-pdf.server";
import { isRevoked, trustedRoots } from "./certificate.server";
import { getVersionForReader } from "./document.server";
import type { Reader } from "./reader";

export type CheckedSignature = SignatureReport & { valid: boolean };

export function checkSignatures(bytes: Uint8Array): CheckedSignature[] {
  return verifyPdfSignatures(bytes, { trustedRootsPem: trustedRoots(), isRevoked }).map((report) => ({
    ...report,
    valid: report.intact && report.certValidAtSigning && report.chainTrusted && !report.revoked,
  }));
}

/** The signatures of the PDF at `path` (an upload to check, or a stored file). */
export async function checkFile(path: string) {
  return checkSignatures(new Uint8Array(await readFile(path)));
}

/**
 * A stored version `reader` may read. Not `async` on purpose: a refusal (not found, forbidden) is thrown at once rather
 * than as a rejected promise, so a loader's `throwHttp` turns it into the 404 or 403 page instead of a 500.
 */
export function checkStoredVersion({ reader, versionId }: { reader: Reader; versionId: string }) {
  const version = getVersionForReader({ reader, versionId });
  return checkFile(version.path).then((signatures) => ({ fileName: version.fileName, signatures }));
}
