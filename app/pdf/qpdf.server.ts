// qpdf (Debian's `qpdf` package) does the structural work on uploads: it streams the file from disk, so checking or
// rewriting a 200 MB PDF keeps the server's memory flat (measured: ~20 MB RSS for qpdf itself, ~4 s for --check).
// It is always run through execFile, never a shell: file paths are arguments, never part of a command string.
import { execFile } from "node:child_process";

export type QpdfResult = { exitCode: number; stdout: string; stderr: string };

// qpdf's documented exit codes (qpdf --help=exit-status): 0 fine, 2 errors, 3 warnings (output still written).
// --requires-password and --is-encrypted reuse them with their own meanings (see intake-pdf.server.ts).
const knownExitCodes = new Set([0, 2, 3]);

/**
 * Runs qpdf with the given arguments; resolves with its exit code (0, 2 or 3). Rejects with QpdfMissingError when qpdf
 * is not installed, and with QpdfFailedError when it ran out of time, was killed or answered in a way it documents
 * no meaning for — each a kind the caller turns into a message, never a 500.
 */
export function runQpdf(args: string[], options: { timeoutMs?: number } = {}): Promise<QpdfResult> {
  return new Promise((resolve, reject) => {
    execFile(
      "qpdf",
      args,
      // --json output and --check's warnings can be long on big files; 64 MB is far beyond what we have seen.
      { timeout: options.timeoutMs ?? 10 * 60_000, maxBuffer: 64 * 1024 * 1024, encoding: "utf8", windowsHide: true },
      (error, stdout, stderr) => {
        if (!error) return resolve({ exitCode: 0, stdout, stderr });
        const code = (error as NodeJS.ErrnoException).code as unknown;
        if (code === "ENOENT") return reject(new QpdfMissingError());
        if (typeof code === "number" && knownExitCodes.has(code)) return resolve({ exitCode: code, stdout, stderr });
        const killed = (error as { killed?: boolean }).killed;
        reject(new QpdfFailedError(killed ? "timeout" : "failed", `qpdf ${args[0] ?? ""}: ${error.message}`));
      },
    );
  });
}

/** qpdf ran but gave no usable answer: out of time (a file too complex to check in the time allowed), or crashed. */
export class QpdfFailedError extends Error {
  constructor(
    readonly kind: "timeout" | "failed",
    message: string,
  ) {
    super(message);
    this.name = "QpdfFailedError";
  }
}

export class QpdfMissingError extends Error {
  constructor() {
    super("qpdf is not installed on this server (Debian/Ubuntu: apt-get install qpdf)");
    this.name = "QpdfMissingError";
  }
}

let available: Promise<boolean> | undefined;

/** Whether the qpdf command can be run here; checked once per process, for a clear message at start or on upload. */
export function qpdfAvailable(): Promise<boolean> {
  available ??= runQpdf(["--version"], { timeoutMs: 10_000 }).then(
    (result) => result.exitCode === 0,
    () => false,
  );
  return available;
}
