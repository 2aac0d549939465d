import type { viewerVi } from "./viewer.vi";

// English strings of the document viewer; same keys as viewer.vi.ts (the type annotation enforces it).
export const viewerEn: typeof viewerVi = {
  toolbar: "Document viewer tools",
  document: "Document content",
  thumbnails: "Thumbnails",
  previousPage: "Previous page",
  nextPage: "Next page",
  page: "Page",
  goToPage: "Go to page {{page}}",
  zoomIn: "Zoom in",
  zoomOut: "Zoom out",
  fitWidth: "Fit width",
  search: "Search in document",
  find: "Find",
  previousMatch: "Previous match",
  nextMatch: "Next match",
  matches: "{{current}} of {{total}} matches",
  noMatches: "Not found",
  loading: "Loading the document…",
  error: "This document could not be opened. Reload the page; if it still fails, download the file to read it.",
  download: "Download file",
  downloadAnnotated: "Download with my notes",
  downloadAnnotatedShared: "Download with notes (shared ones too)",
  annotatedSuffix: "with notes",
  back: "Back to the sitting",
  confidential: "Confidential — for {{name}} only",
};
