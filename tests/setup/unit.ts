// Unit tests that touch the database get a fresh SQLite file per test file (vitest isolates modules per file).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import "./fail-on-console-error";

const dir = mkdtempSync(join(tmpdir(), "phonghop-unit-"));
process.env.DATABASE_PATH = join(dir, "app.db");
process.env.DATA_DIR = dir;
// Secrets kept apart from the data folder, as in production (the ballot secret's file, decision 0011).
process.env.SECRETS_DIR = join(dir, "..", `${dir.split("/").pop()}-secrets`);
process.env.NODE_ENV = "test";

const { migrate } = await import("~/models/db.server");
migrate();

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(process.env.SECRETS_DIR!, { recursive: true, force: true });
});
