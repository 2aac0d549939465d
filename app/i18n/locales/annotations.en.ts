import type { annotationsVi } from "./annotations.vi";

// English strings of annotations; same keys as annotations.vi.ts (the type annotation enforces it).
export const annotationsEn: typeof annotationsVi = {
  tools: "Annotation tools",
  select: "Read",
  highlight: "Highlight",
  rect: "Box",
  ink: "Draw",
  note: "Note",
  color: "Colour",
  colors: { "#ffd400": "Yellow", "#5fd35f": "Green", "#4aa3ff": "Blue", "#ff6b6b": "Red", "#b36bff": "Purple" },
  undo: "Undo",
  redo: "Redo",
  share: "Share with the participants",
  shared: "Shared",
  delete: "Delete note",
  noteText: "Note text",
  save: "Save",
  cancel: "Cancel",
  by: "by {{name}}",
  saving: "Saving…",
  notSaved: "The note was not saved: {{message}}",
  mine: { title: "My notes", pageTitle: "My notes — PhòngHọp", none: "You have no notes on documents yet.", drawing: "Freehand drawing" },
  errors: {
    geometry: "This annotation is not valid.",
    page: "That page is not in the document.",
    notYours: "You can only change your own notes.",
  },
};
