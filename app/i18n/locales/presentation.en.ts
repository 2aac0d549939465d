import type { presentationVi } from "./presentation.vi";

// English strings of "follow the presenter"; same keys as presentation.vi.ts.
export const presentationEn: typeof presentationVi = {
  region: "Presentation",
  present: "Present to the participants",
  presenting: "You are presenting page {{page}} to the participants.",
  presentingElsewhere: "You are presenting: {{document}}, page {{page}}.",
  stop: "Stop presenting",
  follow: "Follow the presenter",
  now: "{{presenter}} is presenting: {{document}}, page {{page}}",
  nothing: "Nothing is being presented.",
  open: "Open the presented page",
  errors: {
    notPresenter: "Only the sitting's chair or secretary can present.",
    otherSitting: "This document is not one of the sitting's.",
  },
};
