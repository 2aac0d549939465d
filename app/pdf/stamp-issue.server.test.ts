import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { makeDraftResolution, makePdf } from "../../tests/setup/pdf-fixtures";
import { stampIssue } from "./stamp-issue.server";

const dir = mkdtempSync(join(tmpdir(), "stamp-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Stamps a draft as issuing does, file to file, and gives back the stamped bytes. */
async function stamp(draft: Uint8Array, what: { reference: string; date: Date }) {
  const input = join(dir, `draft-${Math.random()}.pdf`);
  const output = `${input}.stamped.pdf`;
  writeFileSync(input, draft);
  const { placed } = await stampIssue(input, output, what);
  return { bytes: new Uint8Array(readFileSync(output)), placed };
}

/** The first page's text as poppler reads it, one line per line, runs of spaces as one. */
function firstPageText(bytes: Uint8Array, mode: "-layout" | "-raw" = "-layout") {
  const file = join(dir, `${Math.random()}.pdf`);
  writeFileSync(file, bytes);
  return execFileSync("pdftotext", [mode, "-f", "1", "-l", "1", file, "-"], { encoding: "utf8" })
    .split("\n")
    .map((l) => l.replace(/\s+/g, " ").trim());
}

// 00:30 on 5 February 2026 in Vietnam.
const date = new Date("2026-02-04T17:30:00Z");

test("the number and the date go into the draft's blanks, and read back as one line each", async () => {
  const draft = await makeDraftResolution();
  const { bytes, placed } = await stamp(draft, { reference: "05/NQ-HĐND", date });
  expect(placed).toBe("blanks");
  // The draft's bytes are untouched: the stamp is an update appended to them.
  expect(Buffer.from(bytes.subarray(0, draft.length)).equals(Buffer.from(draft))).toBe(true);
  const text = firstPageText(bytes).join("\n");
  expect(text.replace(/\s/g, "")).toContain("Số:05/NQ-HĐND");
  expect(text.replace(/\s/g, "")).toContain("LâmHà,ngày05tháng02năm2026");
});

test("a draft of another year, or a normative number it did not foresee, gets its lines written again whole", async () => {
  const draft = await makeDraftResolution();
  const { bytes, placed } = await stamp(draft, { reference: "06/2027/NQ-HĐND", date: new Date("2027-03-15T03:00:00Z") });
  expect(placed).toBe("rewritten");
  // In drawing order: the covered draft line is still in the content (decision 0010), the new one follows it whole.
  const text = firstPageText(bytes, "-raw").join("\n");
  expect(text).toContain("Số: 06/2027/NQ-HĐND");
  expect(text).toContain("Lâm Hà, ngày 15 tháng 3 năm 2027");
});

test("a draft without the blanks gets the number and date at the top of page 1", async () => {
  const { bytes, placed } = await stamp(await makePdf([["Văn bản không theo mẫu"]]), { reference: "07/TB-HĐND", date });
  expect(placed).toBe("top");
  const text = firstPageText(bytes).join("\n");
  expect(text).toContain("Số: 07/TB-HĐND");
  expect(text).toContain("Ngày 05 tháng 02 năm 2026");
});
