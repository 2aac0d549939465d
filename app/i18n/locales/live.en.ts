import type { liveVi } from "./live.vi";

// English strings of the live sitting; same keys as live.vi.ts.
export const liveEn: typeof liveVi = {
  choices: { yes: "In favour", no: "Against", abstain: "Abstain" },
  rules: { majority: "More than half of all members", two_thirds: "At least two-thirds of all members" },
  errors: {
    notConductor: "Only the sitting's chair or secretary can do this.",
    notOpen: "The sitting has not been opened yet.",
    ended: "The sitting has ended.",
    notPublished: "The sitting has not been published, so it cannot be opened.",
    pollStillOpen: "A vote is still open; close it before ending the sitting.",
    itemNotFound: "This item is not on the sitting's agenda.",
    notInvited: "This person is not a participant of the sitting.",
    question: "The question needs 3 to 500 characters.",
    pollNotFound: "This vote is not one of the sitting's.",
    pollNotDraft: "This vote has already been opened.",
    anotherOpen: "Another vote is open; close it first.",
    noMembers: "The body has no members in office to vote.",
    noQuorum: "Not enough members are present ({{present}}/{{n}}). The chair must confirm to open the vote anyway.",
    pollClosed: "The vote has closed; your ballot was not recorded.",
    pollNotOpen: "This vote is not open.",
    notEntitled: "You are not among the members entitled to this vote.",
    alreadyVoted: "You have already voted; this vote does not allow changes.",
  },
};
