import type { calendarVi } from "./calendar.vi";

// English strings of the calendar area; same keys as calendar.vi.ts (the type annotation enforces it).
export const calendarEn: typeof calendarVi = {
  title: "Meeting calendar",
};
