// Serves a stored file with HTTP Range (206), ETag and a UTF-8 file name, so PDF.js can fetch page 1 of a large
// file without downloading all of it.
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { Readable } from "node:stream";

type FileInfo = { path: string; etag: string; fileName: string; contentType?: string; disposition?: "inline" | "attachment" };

export async function fileResponse(request: Request, info: FileInfo) {
  const { size } = await stat(info.path);
  const etag = `"${info.etag}"`;
  const headers = new Headers({
    "Content-Type": info.contentType ?? "application/pdf",
    "Accept-Ranges": "bytes",
    ETag: etag,
    "Cache-Control": "private, max-age=0, must-revalidate",
    "Content-Disposition": contentDisposition(info.disposition ?? "inline", info.fileName),
    "X-Content-Type-Options": "nosniff",
  });
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });

  const range = request.headers.get("range");
  const ifRange = request.headers.get("if-range");
  if (range && (!ifRange || ifRange === etag)) {
    const parsed = parseRange(range, size);
    if (!parsed) {
      headers.set("Content-Range", `bytes */${size}`);
      return new Response(null, { status: 416, headers });
    }
    const { start, end } = parsed;
    headers.set("Content-Range", `bytes ${start}-${end}/${size}`);
    headers.set("Content-Length", String(end - start + 1));
    return new Response(stream(info.path, start, end), { status: 206, headers });
  }
  headers.set("Content-Length", String(size));
  return new Response(request.method === "HEAD" ? null : stream(info.path, 0, size - 1), { status: 200, headers });
}

/** Bytes generated for this request (a watermarked copy): no ranges, never cached. */
export function bytesResponse(bytes: Uint8Array, fileName: string) {
  return new Response(bytes as unknown as BodyInit, {
    status: 200,
    headers: {
      "Content-Type": "application/pdf",
      "Content-Length": String(bytes.byteLength),
      "Content-Disposition": contentDisposition("inline", fileName),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

/** One range "bytes=a-b", "bytes=a-" or "bytes=-n"; several ranges are answered with the first. */
export function parseRange(header: string, size: number): { start: number; end: number } | null {
  const match = /^bytes=(\d*)-(\d*)/.exec(header.trim());
  if (!match || (match[1] === "" && match[2] === "") || size === 0) return null;
  let start: number;
  let end: number;
  if (match[1] === "") {
    start = Math.max(0, size - Number(match[2]));
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === "" ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  if (start > end || start >= size) return null;
  return { start, end };
}

/** RFC 6266 / 5987: an ASCII fallback plus the exact UTF-8 name. */
export function contentDisposition(kind: "inline" | "attachment", fileName: string) {
  const name = fileName.normalize("NFC");
  const ascii = name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, (c) => (c === "đ" ? "d" : "D"))
    .replace(/[^\x20-\x7e]/g, "_")
    .replace(/["\\]/g, "_");
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

// When the client goes away, the adapter cancels the web stream, which closes the file.
function stream(path: string, start: number, end: number) {
  return Readable.toWeb(createReadStream(path, { start, end })) as unknown as ReadableStream;
}
