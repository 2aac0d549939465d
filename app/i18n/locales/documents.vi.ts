// Vietnamese strings of the documents area (merged into vi.ts under "documents").
export const documentsVi = {
  title: "Tài liệu",
};
