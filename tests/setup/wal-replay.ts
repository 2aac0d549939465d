// Reads a copy of a SQLite database and its write-ahead log the way someone holding a copy of the data folder could:
// the database file as it was, then the log's frames commit by commit, each state a database of its own to query.
// https://www.sqlite.org/fileformat2.html#the_write_ahead_log
import { copyFileSync, existsSync, readFileSync, rmSync, writeFileSync, openSync, writeSync, ftruncateSync, closeSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";

export type Row = Record<string, unknown>;
/** Every row of every table in one state, each row as a string (blobs as hex). */
export type Dump = Map<string, Set<string>>;

/** The states of a copied database: before the log, then after each commit in it. */
export function replayCommits(dbPath: string): Dump[] {
  const dir = mkdtempSync(join(tmpdir(), "phonghop-replay-"));
  try {
    const work = join(dir, "state.db");
    copyFileSync(dbPath, work);
    // The copy is read without its log: switch the header from WAL to the rollback journal (bytes 18 and 19).
    const patchHeader = () => {
      const fd = openSync(work, "r+");
      writeSync(fd, Buffer.of(1, 1), 0, 2, 18);
      closeSync(fd);
    };
    patchHeader();
    const states = [dump(work)];
    const walPath = `${dbPath}-wal`;
    if (!existsSync(walPath)) return states;
    const wal = readFileSync(walPath);
    if (wal.length < 32) return states;
    const pageSize = wal.readUInt32BE(8);
    const salt = [wal.readUInt32BE(16), wal.readUInt32BE(20)];
    let pending: { pgno: number; page: Buffer }[] = [];
    for (let offset = 32; offset + 24 + pageSize <= wal.length; offset += 24 + pageSize) {
      // A frame of an earlier generation of the log (another salt) ends the valid part.
      if (wal.readUInt32BE(offset + 8) !== salt[0] || wal.readUInt32BE(offset + 12) !== salt[1]) break;
      pending.push({ pgno: wal.readUInt32BE(offset), page: wal.subarray(offset + 24, offset + 24 + pageSize) });
      const commitSize = wal.readUInt32BE(offset + 4);
      if (!commitSize) continue;
      const fd = openSync(work, "r+");
      for (const { pgno, page } of pending) writeSync(fd, page, 0, pageSize, (pgno - 1) * pageSize);
      ftruncateSync(fd, commitSize * pageSize);
      closeSync(fd);
      pending = [];
      // Page 1 may have come from the log with the WAL header bytes again.
      patchHeader();
      states.push(dump(work));
    }
    return states;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function dump(path: string): Dump {
  const file = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const tables = (file.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'document_search%'").all() as { name: string }[]).map((t) => t.name);
    const result: Dump = new Map();
    for (const table of tables) {
      const rows = file.prepare(`select * from "${table}"`).all() as Row[];
      result.set(table, new Set(rows.map((row) => JSON.stringify(row, (_k, v) => (v && typeof v === "object" && v.type === "Buffer" ? `hex:${Buffer.from(v.data).toString("hex")}` : v)))));
    }
    return result;
  } finally {
    file.close();
  }
}

/** What one commit changed: per table, the rows it added and the rows it removed (a changed row is both). */
export function changes(before: Dump, after: Dump) {
  const out = new Map<string, { added: string[]; removed: string[] }>();
  for (const table of new Set([...before.keys(), ...after.keys()])) {
    const a = before.get(table) ?? new Set<string>();
    const b = after.get(table) ?? new Set<string>();
    const added = [...b].filter((r) => !a.has(r));
    const removed = [...a].filter((r) => !b.has(r));
    if (added.length || removed.length) out.set(table, { added, removed });
  }
  return out;
}

/** Copies a live database file and its log, log first (the log only grows between checkpoints). */
export function copyDatabase(dbPath: string, to: string) {
  if (existsSync(`${dbPath}-wal`)) writeFileSync(`${to}-wal`, readFileSync(`${dbPath}-wal`));
  copyFileSync(dbPath, to);
  return to;
}
