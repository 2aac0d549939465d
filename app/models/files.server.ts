// Content-addressed file storage: data/files/<sha256>. No part of a user's input ever becomes a path here.
import { createHash, randomUUID } from "node:crypto";
import { createReadStream, createWriteStream, mkdirSync, rmSync } from "node:fs";
import { rename, rm, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { env } from "~/env.server";

const filesDir = resolve(env.DATA_DIR, "files");
const tmpDir = resolve(env.DATA_DIR, "tmp");
mkdirSync(filesDir, { recursive: true });
// Anything in tmp/ is an upload that never finished (the process stopped mid-way): start clean.
rmSync(tmpDir, { recursive: true, force: true });
mkdirSync(tmpDir, { recursive: true });

export const maxUploadBytes = env.MAX_UPLOAD_MB * 1024 * 1024;

const sha256Pattern = /^[0-9a-f]{64}$/;

export function storedFilePath(sha256: string) {
  if (!sha256Pattern.test(sha256)) throw new Error("not a SHA-256");
  return join(filesDir, sha256);
}

export function newTempPath(suffix = ".pdf") {
  return join(tmpDir, `${randomUUID()}${suffix}`);
}

export class FileTooLargeError extends Error {
  constructor() {
    super("file too large");
  }
}

/**
 * Streams an upload to a temporary file while hashing it; never holds it whole in memory. Past `limit` bytes it
 * stops writing but keeps reading (so the client hears our answer instead of a reset connection), then removes the
 * partial file and throws FileTooLargeError.
 */
export async function receiveToTemp(source: Readable, limit = maxUploadBytes) {
  const path = newTempPath();
  const hash = createHash("sha256");
  let size = 0;
  let tooLarge = false;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      if (tooLarge) return callback();
      hash.update(chunk);
      callback(null, chunk);
    },
  });
  try {
    await pipeline(source, meter, createWriteStream(path));
  } catch (error) {
    await rm(path, { force: true });
    throw error;
  }
  if (tooLarge) {
    await rm(path, { force: true });
    throw new FileTooLargeError();
  }
  return { path, size, sha256: hash.digest("hex") };
}

/** Hashes a file on disk by streaming it. */
export async function hashFile(path: string) {
  const hash = createHash("sha256");
  await pipeline(createReadStream(path), hash);
  return hash.digest("hex");
}

/** Moves a finished temporary file into the store under its hash; an identical stored file is kept instead. */
export async function storeTempFile(tempPath: string, sha256: string) {
  const target = storedFilePath(sha256);
  const existing = await stat(target).catch(() => null);
  if (existing) {
    await rm(tempPath, { force: true });
  } else {
    await rename(tempPath, target);
  }
  const { size } = await stat(target);
  return { path: target, size };
}

export async function removeTemp(path: string) {
  await rm(path, { force: true });
}
