import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { attendanceReplies, bodyKinds, bodyRoles, globalRoles } from "#db/schema";
import { formatDate, formatDateTime, toVnIsoDate, vnDayEndExclusive, vnDayLastInstant, vnDayStart } from "./format";
import { createI18n } from "./i18n";
import { en } from "./locales/en";
import { vi } from "./locales/vi";

function leaves(value: unknown, prefix = ""): string[] {
  if (typeof value === "string") return [prefix];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) && !name.endsWith(".test.ts") ? [path] : [];
  });
}

const files = sourceFiles("app");
const source = files.map((f) => readFileSync(f, "utf8")).join("\n");

describe("translations", () => {
  test("English has every Vietnamese key, and no text is empty", () => {
    expect(leaves(en).sort()).toEqual(leaves(vi).sort());
    for (const key of leaves(vi)) {
      expect(createI18n("vi").t(key), key).not.toBe("");
      expect(createI18n("en").t(key), key).not.toBe("");
    }
  });

  test("every literal key used in the app exists", () => {
    const i18n = createI18n("vi");
    const used = new Set<string>();
    for (const match of source.matchAll(/\bt\(\s*"([a-zA-Z0-9_.]+)"/g)) used.add(match[1]);
    for (const match of source.matchAll(/message: "([a-zA-Z]+\.[a-zA-Z0-9_.]+)"/g)) used.add(match[1]);
    for (const match of source.matchAll(/"(validation\.[a-zA-Z]+)"/g)) used.add(match[1]);
    for (const match of source.matchAll(/AppError\("[a-z_]+", "([a-zA-Z.]+)"/g)) used.add(match[1]);
    expect(used.size).toBeGreaterThan(50);
    const missing = [...used].filter((key) => !i18n.exists(key));
    expect(missing).toEqual([]);
  });

  test("every role, body kind, reply and audited action has a label", () => {
    const i18n = createI18n("vi");
    const keys = [
      ...globalRoles.map((r) => `roles.${r}`),
      ...bodyRoles.map((r) => `bodyRoles.${r}`),
      ...bodyKinds.map((k) => `bodyKinds.${k}`),
      ...attendanceReplies.map((a) => `attendance.${a}`),
      ...[...source.matchAll(/action: "([a-z_]+\.[a-z_]+)"/g)].map((m) => `audit.actions.${m[1]}`),
    ];
    expect(keys.filter((key) => !i18n.exists(key))).toEqual([]);
  });
});

describe("dates in Vietnam's zone", () => {
  test("a day starts at 00:00 +07:00, whatever the server's zone", () => {
    expect(vnDayStart("2026-02-05").toISOString()).toBe("2026-02-04T17:00:00.000Z");
    expect(vnDayEndExclusive("2026-12-31").toISOString()).toBe("2026-12-31T17:00:00.000Z");
    expect(toVnIsoDate(new Date("2026-02-04T17:00:00Z"))).toBe("2026-02-05");
    expect(toVnIsoDate(new Date("2026-02-04T16:59:59Z"))).toBe("2026-02-04");
  });

  test("a deadline chosen as a day is that day's last instant, and shows as that day", () => {
    expect(vnDayLastInstant("2026-12-10").toISOString()).toBe("2026-12-10T16:59:59.999Z");
    expect(formatDate(vnDayLastInstant("2026-12-10"), "vi")).toBe("10/12/2026");
  });

  test("dates are written day first with leading zeros, times on the 24-hour clock", () => {
    const instant = new Date("2026-02-04T17:30:00Z"); // 00:30 on 5 February in Hà Nội
    expect(formatDate(instant, "vi")).toBe("05/02/2026");
    expect(formatDateTime(instant, "vi")).toBe("00:30, 05/02/2026");
  });
});
