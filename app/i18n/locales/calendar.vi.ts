// Vietnamese strings of the calendar area (merged into vi.ts under "calendar").
export const calendarVi = {
  title: "Lịch họp",
};
