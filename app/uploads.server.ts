// Multipart uploads streamed straight to disk (never buffered whole): fields first, then one file.
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import busboy from "busboy";
import { FileTooLargeError, maxUploadBytes, receiveToTemp } from "~/models/files.server";

export type ReceivedUpload = {
  fields: Record<string, string>;
  file: { path: string; sha256: string; size: number; fileName: string } | null;
  /** Set when the upload was refused while it arrived (too large); the partial file is already gone. */
  refused: "too_large" | null;
  fileName: string;
};

export async function receiveUpload(request: Request): Promise<ReceivedUpload> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!request.body || !contentType.startsWith("multipart/form-data")) {
    return { fields: {}, file: null, refused: null, fileName: "" };
  }
  const parser = busboy({
    headers: { "content-type": contentType },
    limits: { files: 1, fields: 20, fieldSize: 10_000, parts: 25 },
    defParamCharset: "utf8",
  });
  const fields: Record<string, string> = {};
  let fileName = "";
  let refused: ReceivedUpload["refused"] = null;
  let received: Promise<ReceivedUpload["file"]> = Promise.resolve(null);

  let fileStream: Readable | null = null;
  const done = new Promise<void>((resolve, reject) => {
    parser.on("field", (name, value) => {
      fields[name] = value;
    });
    parser.on("file", (_name, stream, info) => {
      fileStream = stream;
      fileName = (info.filename || "tai-lieu.pdf").normalize("NFC");
      received = receiveToTemp(stream, maxUploadBytes)
        .then((file) => ({ ...file, fileName }))
        .catch((error: unknown) => {
          if (error instanceof FileTooLargeError) {
            refused = "too_large";
            return null;
          }
          throw error;
        });
    });
    parser.on("close", resolve);
    parser.on("error", reject);
  });
  // Observed below or in the catch; never left to reject unhandled (which would end the process).
  done.catch(() => undefined);
  try {
    // pipeline, not pipe: a client that goes away mid-upload makes the body fail, and that must reject here rather
    // than crash the process. The file stream is destroyed too, so receiveToTemp removes its partial file.
    await pipeline(Readable.fromWeb(request.body as unknown as NodeReadableStream), parser);
    await done;
  } catch (error) {
    (fileStream as Readable | null)?.destroy(error as Error);
    await received.catch(() => null);
    throw error;
  }
  const file = await received;
  return { fields, file, refused, fileName };
}
