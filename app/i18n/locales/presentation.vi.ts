// Vietnamese strings of "follow the presenter" (merged into vi.ts under "presentation").
export const presentationVi = {
  region: "Trình chiếu",
  present: "Trình chiếu cho người dự họp",
  presenting: "Bạn đang trình chiếu trang {{page}} cho người dự họp.",
  presentingElsewhere: "Bạn đang trình chiếu: {{document}}, trang {{page}}.",
  stop: "Dừng trình chiếu",
  follow: "Theo dõi người trình bày",
  now: "{{presenter}} đang trình chiếu: {{document}}, trang {{page}}",
  nothing: "Chưa có tài liệu nào được trình chiếu.",
  open: "Mở trang đang trình chiếu",
  errors: {
    notPresenter: "Chỉ chủ tọa hoặc thư ký phiên họp được trình chiếu.",
    otherSitting: "Tài liệu này không thuộc phiên họp đang trình chiếu.",
  },
};
