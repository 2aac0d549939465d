import type { meetingsVi } from "./meetings.vi";

// English strings of the meetings area; same keys as meetings.vi.ts (the type annotation enforces it).
export const meetingsEn: typeof meetingsVi = {
  title: "Sessions and sittings",
};
