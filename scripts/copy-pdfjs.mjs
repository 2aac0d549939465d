// Copies PDF.js's built files into public/pdfjs/<version>/ (DESIGN §8: the classic Remix compiler cannot bundle
// PDF.js). The browser imports them at runtime; the library and its worker always come from the same version.
// Runs before every build (npm run build, npm start, npm test). Idempotent.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);
const root = dirname(require.resolve("pdfjs-dist/package.json"));
const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const target = join("public", "pdfjs");
const versioned = join(target, version);

if (existsSync(join(versioned, "ready"))) process.exit(0);
rmSync(target, { recursive: true, force: true });
mkdirSync(versioned, { recursive: true });

const files = [
  ["build/pdf.min.mjs", "modern/pdf.mjs"],
  ["build/pdf.worker.min.mjs", "modern/pdf.worker.mjs"],
  ["web/pdf_viewer.mjs", "modern/pdf_viewer.mjs"],
  ["web/pdf_viewer.css", "modern/pdf_viewer.css"],
  ["web/images", "modern/images"],
  // The legacy build serves older office PCs (the modern one needs Chrome 126+).
  ["legacy/build/pdf.min.mjs", "legacy/pdf.mjs"],
  ["legacy/build/pdf.worker.min.mjs", "legacy/pdf.worker.mjs"],
  ["legacy/web/pdf_viewer.mjs", "legacy/pdf_viewer.mjs"],
  ["legacy/web/pdf_viewer.css", "legacy/pdf_viewer.css"],
  ["legacy/web/images", "legacy/images"],
  ["cmaps", "cmaps"],
  ["standard_fonts", "standard_fonts"],
  ["wasm", "wasm"],
];
for (const [from, to] of files) {
  cpSync(join(root, from), join(versioned, to), { recursive: true });
}
writeFileSync(join(target, "version.json"), JSON.stringify({ version }));
writeFileSync(join(versioned, "ready"), "");
console.log(`PDF.js ${version} copied to ${versioned}`);
