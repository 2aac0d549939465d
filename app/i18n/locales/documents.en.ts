import type { documentsVi } from "./documents.vi";

// English strings of the documents area; same keys as documents.vi.ts (the type annotation enforces it).
export const documentsEn: typeof documentsVi = {
  title: "Documents",
};
