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

export async function checkStoredVersion({ reader, versionId }: { reader: Reader; versionId: string }) {
  const version = getVersionForReader({ reader, versionId });
  const bytes = new Uint8Array(await readFile(version.path));
  return { fileName: version.fileName, signatures: checkSignatures(bytes) };
}
