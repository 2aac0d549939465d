import { expect, test } from "vitest";
import { safeRedirect } from "./safe-redirect";

test("redirects stay on this site", () => {
  expect(safeRedirect("/admin/users?q=an#top")).toBe("/admin/users?q=an#top");
  for (const evil of ["//evil.example", "/\\evil.example", "/\t/evil.example", "/\n/evil.example", "https://evil.example", "evil", "", null, 42]) {
    expect(safeRedirect(evil), String(evil)).toBe("/");
  }
});
