// Vietnamese strings of the live sitting (merged into vi.ts under "live").
export const liveVi = {
  choices: { yes: "Tán thành", no: "Không tán thành", abstain: "Không biểu quyết" },
  rules: { majority: "Quá nửa tổng số đại biểu", two_thirds: "Ít nhất hai phần ba tổng số đại biểu" },
  errors: {
    notConductor: "Chỉ chủ tọa hoặc thư ký phiên họp được làm việc này.",
    notOpen: "Phiên họp chưa khai mạc.",
    ended: "Phiên họp đã bế mạc.",
    notPublished: "Phiên họp chưa được phát hành nên chưa thể khai mạc.",
    pollStillOpen: "Còn một biểu quyết đang mở; hãy kết thúc biểu quyết trước khi bế mạc.",
    itemNotFound: "Không tìm thấy nội dung này trong chương trình phiên họp.",
    notInvited: "Người này không có trong thành phần dự họp.",
    question: "Nội dung biểu quyết cần từ 3 đến 500 ký tự.",
    pollNotFound: "Không tìm thấy biểu quyết này trong phiên họp.",
    pollNotDraft: "Biểu quyết này đã được mở trước đó.",
    anotherOpen: "Đang có một biểu quyết khác mở; hãy kết thúc biểu quyết đó trước.",
    noMembers: "Cơ quan không có đại biểu đương nhiệm nào để biểu quyết.",
    noQuorum: "Chưa đủ số đại biểu có mặt theo quy định ({{present}}/{{n}}). Chủ tọa cần xác nhận nếu vẫn mở biểu quyết.",
    pollClosed: "Biểu quyết đã kết thúc; phiếu của bạn không được ghi nhận.",
    pollNotOpen: "Biểu quyết này không đang mở.",
    notEntitled: "Bạn không thuộc danh sách đại biểu được biểu quyết lần này.",
    alreadyVoted: "Bạn đã biểu quyết rồi; biểu quyết này không cho phép thay đổi.",
  },
};
