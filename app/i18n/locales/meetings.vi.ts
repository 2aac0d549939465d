// Vietnamese strings of the meetings area (merged into vi.ts under "meetings").
export const meetingsVi = {
  title: "Kỳ họp và phiên họp",
};
