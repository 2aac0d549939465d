import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

// The PDF.js version whose files scripts/copy-pdfjs.mjs put in public/pdfjs/<version>/.
const require = createRequire(import.meta.url);
export const pdfjsVersion: string = JSON.parse(readFileSync(require.resolve("pdfjs-dist/package.json"), "utf8")).version;
