// Demo data for PhòngHọp: the (fictional) Hội đồng nhân dân tỉnh Lâm Hà, khóa XVII, nhiệm kỳ 2026–2031.
// Pure data, no imports: db/seed.ts turns it into rows. Every demo account shares one password (see db/seed.ts).
// Names, places and positions are invented; any resemblance to real persons is coincidental.
// Two-level local government (since 1 July 2025): the province and its wards (phường) and communes (xã); no districts.
// Delegate groups are numbered and named after the wards/communes they cover; UBND tỉnh members (Giám đốc Sở, …) sit in no Ban.

export type SeedRole = "admin" | "secretary" | "chair" | "delegate" | "guest";
export type SeedBodyRole = "chair" | "vice_chair" | "member" | "secretary";
export type SeedUser = {
  username: string;
  fullName: string;
  position: string;
  role: SeedRole;
  email: string;
};
export type SeedBody = {
  key: string;
  name: string;
  shortName: string;
  kind: "council" | "standing_committee" | "committee" | "delegate_group";
  parentKey: string | null;
};
export type SeedMembership = { username: string; bodyKey: string; role: SeedBodyRole; title: string };

const emailDomain = "hdnd.lamha.gov.vn";

export const demoCouncil: { name: string; termName: string; termStartsOn: string } = {
  name: "Hội đồng nhân dân tỉnh Lâm Hà",
  termName: "Khóa XVII, nhiệm kỳ 2026–2031",
  termStartsOn: "2026-06-01",
};

// --- Users -------------------------------------------------------------------------------------------------------

const staffAndLeaders: [username: string, fullName: string, position: string, role: SeedRole][] = [
  ["admin", "Trần Minh Quân", "Quản trị hệ thống, Văn phòng Đoàn ĐBQH và HĐND tỉnh", "admin"],
  ["thuky1", "Nguyễn Thị Thu Hà", "Trưởng phòng Công tác HĐND, Văn phòng Đoàn ĐBQH và HĐND tỉnh", "secretary"],
  ["thuky2", "Lê Hoàng Yến", "Chuyên viên Phòng Công tác HĐND, Văn phòng Đoàn ĐBQH và HĐND tỉnh", "secretary"],
  ["chutich", "Hoàng Đức Thịnh", "Chủ tịch HĐND tỉnh", "chair"],
  ["phochutich1", "Nguyễn Thị Minh Tâm", "Phó Chủ tịch HĐND tỉnh", "chair"],
  ["phochutich2", "Lê Quang Vinh", "Phó Chủ tịch HĐND tỉnh", "chair"],
  ["khachmoi", "Đỗ Mạnh Cường", "Giám đốc Sở Tài chính", "guest"],
];

/** daibieu1 … daibieu50, in order (index 0 is daibieu1). */
const delegates: [fullName: string, position: string][] = [
  /* 1 */ ["Nguyễn Văn An", "Hiệu trưởng Trường THPT chuyên Lâm Hà"],
  /* 2 */ ["Phạm Thị Thanh Hương", "Trưởng Ban Pháp chế HĐND tỉnh"],
  /* 3 */ ["Vũ Đình Khải", "Trưởng Ban Kinh tế – Ngân sách HĐND tỉnh"],
  /* 4 */ ["Đặng Thị Mai Lan", "Trưởng Ban Văn hóa – Xã hội HĐND tỉnh"],
  /* 5 */ ["Lò Văn Pấng", "Trưởng Ban Dân tộc HĐND tỉnh"],
  /* 6 */ ["Hồ Minh Tuấn", "Phó Trưởng Ban Pháp chế HĐND tỉnh"],
  /* 7 */ ["Ngô Thị Bích Ngọc", "Phó Trưởng Ban Kinh tế – Ngân sách HĐND tỉnh"],
  /* 8 */ ["Dương Văn Lực", "Phó Trưởng Ban Kinh tế – Ngân sách HĐND tỉnh"],
  /* 9 */ ["Huỳnh Thị Kim Oanh", "Phó Trưởng Ban Văn hóa – Xã hội HĐND tỉnh"],
  /* 10 */ ["Y Thông Mlô", "Phó Trưởng Ban Dân tộc HĐND tỉnh"],
  /* 11 */ ["Trần Quốc Bảo", "Bí thư Đảng ủy phường Trung Tâm"],
  /* 12 */ ["Lê Thị Hồng Nhung", "Chủ tịch UBND phường Trung Tâm"],
  /* 13 */ ["Phan Thanh Sơn", "Đại tá, Phó Giám đốc Công an tỉnh"],
  /* 14 */ ["Bùi Văn Thắng", "Giám đốc Sở Nội vụ"],
  /* 15 */ ["Quách Thị Lan", "Chủ tịch UBND xã Tân Lạc"],
  /* 16 */ ["Đinh Công Sứ", "Chủ tịch Hội Nông dân tỉnh"],
  /* 17 */ ["Hà Thị Nhung", "Giáo viên Trường Phổ thông Dân tộc nội trú THCS và THPT Tân Lạc"],
  /* 18 */ ["Đỗ Văn Toàn", "Bí thư Đảng ủy xã Đức Phong"],
  /* 19 */ ["Võ Thị Thu Trang", "Chủ tịch UBND xã Đức Phong"],
  /* 20 */ ["Nguyễn Hữu Phước", "Giám đốc Sở Nông nghiệp và Môi trường"],
  /* 21 */ ["Trần Thị Ngọc Ánh", "Bác sĩ chuyên khoa II, Phó Giám đốc Bệnh viện đa khoa tỉnh"],
  /* 22 */ ["Lê Văn Dũng", "Giám đốc Công ty Cổ phần Cà phê Lâm Hà"],
  /* 23 */ ["Phạm Minh Đức", "Giám đốc Sở Tư pháp"],
  /* 24 */ ["Hoàng Thị Thu Thủy", "Chủ tịch Hội Liên hiệp Phụ nữ tỉnh"],
  /* 25 */ ["Lường Thị Xuân", "Phó Chủ tịch UBND xã Chiềng Khoa"],
  /* 26 */ ["Vì Văn Chiến", "Bí thư Đảng ủy xã Mường Khến"],
  /* 27 */ ["Giàng A Páo", "Chủ tịch UBND xã Mường Khến"],
  /* 28 */ ["Sùng Thị Mỷ", "Phó Bí thư Tỉnh đoàn"],
  /* 29 */ ["Cầm Văn Thoan", "Người có uy tín, bản Huổi Lếch, xã Chiềng Khoa"],
  /* 30 */ ["H'Luân Niê", "Phó Hiệu trưởng Trường THPT Ea Rông"],
  /* 31 */ ["Y Khuê Byă", "Giám đốc Sở Dân tộc và Tôn giáo"],
  /* 32 */ ["Trương Văn Hải", "Chủ tịch UBND xã Ea Rông"],
  /* 33 */ ["H'Nga Êban", "Phó Chủ tịch Ủy ban MTTQ Việt Nam xã Ea Rông"],
  /* 34 */ ["Lý Văn Sáng", "Phó Bí thư Đảng ủy, Chủ tịch HĐND xã Tân Hòa"],
  /* 35 */ ["Ngô Quang Huy", "Giám đốc Sở Xây dựng"],
  /* 36 */ ["Dương Thị Hạnh", "Giám đốc Sở Y tế"],
  /* 37 */ ["Vũ Thị Phương Thảo", "Giám đốc Sở Giáo dục và Đào tạo"],
  /* 38 */ ["Đặng Quốc Việt", "Đại tá, Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh"],
  /* 39 */ ["Bùi Thị Lệ Thu", "Chánh án Tòa án nhân dân tỉnh"],
  /* 40 */ ["Hồ Văn Nam", "Viện trưởng Viện kiểm sát nhân dân tỉnh"],
  /* 41 */ ["Phan Thị Mỹ Dung", "Chủ tịch Liên đoàn Lao động tỉnh"],
  /* 42 */ ["Huỳnh Tấn Phát", "Giám đốc Chi nhánh Ngân hàng Chính sách xã hội tỉnh"],
  /* 43 */ ["Nguyễn Thị Kim Liên", "Bác sĩ, Trưởng khoa Nhi, Bệnh viện đa khoa tỉnh"],
  /* 44 */ ["Trần Văn Lộc", "Chủ tịch Hội Cựu chiến binh tỉnh"],
  /* 45 */ ["Lê Minh Khoa", "Bí thư Tỉnh đoàn"],
  /* 46 */ ["Đỗ Thị Hải Yến", "Giám đốc Sở Công Thương"],
  /* 47 */ ["Võ Văn Thành", "Giám đốc Công ty TNHH Xây dựng Thành Đạt, Chủ tịch Hiệp hội Doanh nghiệp tỉnh"],
  /* 48 */ ["Đinh Thị Hoa", "Nông dân sản xuất, kinh doanh giỏi, xã Phú Sơn"],
  /* 49 */ ["Nguyễn Đình Trọng", "Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy"],
  /* 50 */ ["Tạ Quang Minh", "Luật sư, Trưởng Văn phòng Luật sư Tạ Minh, Đoàn Luật sư tỉnh"],
];

export const seedUsers: SeedUser[] = [
  ...staffAndLeaders.map(([username, fullName, position, role]) => ({
    username,
    fullName,
    position,
    role,
    email: `${username}@${emailDomain}`,
  })),
  ...delegates.map(([fullName, position], i) => ({
    username: `daibieu${i + 1}`,
    fullName,
    position,
    role: "delegate" as const,
    email: `daibieu${i + 1}@${emailDomain}`,
  })),
];

// --- Bodies ------------------------------------------------------------------------------------------------------

export const seedBodies: SeedBody[] = [
  { key: "council", name: "Hội đồng nhân dân tỉnh Lâm Hà", shortName: "HĐND tỉnh", kind: "council", parentKey: null },
  {
    key: "standing",
    name: "Thường trực Hội đồng nhân dân tỉnh",
    shortName: "TT HĐND",
    kind: "standing_committee",
    parentKey: "council",
  },
  { key: "phap-che", name: "Ban Pháp chế", shortName: "Ban PC", kind: "committee", parentKey: "council" },
  { key: "kt-ns", name: "Ban Kinh tế – Ngân sách", shortName: "Ban KT-NS", kind: "committee", parentKey: "council" },
  { key: "vh-xh", name: "Ban Văn hóa – Xã hội", shortName: "Ban VH-XH", kind: "committee", parentKey: "council" },
  { key: "dan-toc", name: "Ban Dân tộc", shortName: "Ban DT", kind: "committee", parentKey: "council" },
  {
    key: "to-1",
    name: "Tổ đại biểu số 1 (phường Trung Tâm, phường Bắc Sơn, phường Lâm Viên)",
    shortName: "Tổ ĐB số 1",
    kind: "delegate_group",
    parentKey: "council",
  },
  {
    key: "to-2",
    name: "Tổ đại biểu số 2 (xã Đức Phong, xã Phú Sơn, xã Đông Hòa)",
    shortName: "Tổ ĐB số 2",
    kind: "delegate_group",
    parentKey: "council",
  },
  {
    key: "to-3",
    name: "Tổ đại biểu số 3 (xã Tân Lạc, xã Tân Hòa, xã Bình Lư)",
    shortName: "Tổ ĐB số 3",
    kind: "delegate_group",
    parentKey: "council",
  },
  {
    key: "to-4",
    name: "Tổ đại biểu số 4 (xã Mường Khến, xã Chiềng Khoa, xã Pa Cò)",
    shortName: "Tổ ĐB số 4",
    kind: "delegate_group",
    parentKey: "council",
  },
  {
    key: "to-5",
    name: "Tổ đại biểu số 5 (xã Ea Rông, xã Ea Sim, xã Cư Prông)",
    shortName: "Tổ ĐB số 5",
    kind: "delegate_group",
    parentKey: "council",
  },
];

// --- Memberships -------------------------------------------------------------------------------------------------

const d = (n: number) => `daibieu${n}`;

type Roster = { chair: string; viceChairs: string[]; members: string[] };

/** Committees (Ban): Trưởng Ban, Phó Trưởng Ban, Ủy viên. thuky2 is secretary of every committee. */
const committeeRosters: Record<"phap-che" | "kt-ns" | "vh-xh" | "dan-toc", Roster> = {
  "phap-che": { chair: d(2), viceChairs: [d(6)], members: [12, 13, 41, 44, 45, 50].map(d) },
  "kt-ns": { chair: d(3), viceChairs: [d(7), d(8)], members: [15, 19, 22, 27, 32, 42, 47].map(d) },
  "vh-xh": { chair: d(4), viceChairs: [d(9)], members: [1, 17, 21, 24, 28, 30, 43].map(d) },
  "dan-toc": { chair: d(5), viceChairs: [d(10)], members: [16, 25, 29, 33, 34].map(d) },
};

/** Delegate groups (Tổ đại biểu): together they cover all 53 council seats exactly once. */
const groupRosters: Record<"to-1" | "to-2" | "to-3" | "to-4" | "to-5", Roster> = {
  "to-1": { chair: d(11), viceChairs: [d(12)], members: ["chutich", ...[1, 2, 7, 13, 21, 24, 35, 39, 45].map(d)] },
  "to-2": { chair: d(18), viceChairs: [d(19)], members: ["phochutich1", ...[3, 9, 20, 22, 23, 36, 40, 48].map(d)] },
  "to-3": { chair: d(14), viceChairs: [d(15)], members: [4, 8, 16, 17, 34, 37, 41, 49].map(d) },
  "to-4": { chair: d(26), viceChairs: [d(27)], members: [5, 25, 28, 29, 38, 42, 43, 46].map(d) },
  "to-5": { chair: d(31), viceChairs: [d(32)], members: ["phochutich2", ...[6, 10, 30, 33, 44, 47, 50].map(d)] },
};

const committeeShortTitles: Record<keyof typeof committeeRosters, string> = {
  "phap-che": "Trưởng Ban Pháp chế",
  "kt-ns": "Trưởng Ban Kinh tế – Ngân sách",
  "vh-xh": "Trưởng Ban Văn hóa – Xã hội",
  "dan-toc": "Trưởng Ban Dân tộc",
};

const committeeKeys = Object.keys(committeeRosters) as (keyof typeof committeeRosters)[];
const groupKeys = Object.keys(groupRosters) as (keyof typeof groupRosters)[];

export const seedMemberships: SeedMembership[] = [
  // Hội đồng nhân dân tỉnh: 53 seats (Chủ tịch, 2 Phó Chủ tịch, 50 đại biểu) and 2 secretaries (no seat).
  { username: "chutich", bodyKey: "council", role: "chair", title: "Chủ tịch HĐND tỉnh" },
  { username: "phochutich1", bodyKey: "council", role: "vice_chair", title: "Phó Chủ tịch HĐND tỉnh" },
  { username: "phochutich2", bodyKey: "council", role: "vice_chair", title: "Phó Chủ tịch HĐND tỉnh" },
  ...delegates.map((_, i) => ({
    username: d(i + 1),
    bodyKey: "council",
    role: "member" as const,
    title: "Đại biểu HĐND tỉnh",
  })),
  { username: "thuky1", bodyKey: "council", role: "secretary", title: "Thư ký" },
  { username: "thuky2", bodyKey: "council", role: "secretary", title: "Thư ký" },

  // Thường trực HĐND tỉnh: Chủ tịch, Phó Chủ tịch, the four Trưởng Ban as Ủy viên.
  { username: "chutich", bodyKey: "standing", role: "chair", title: "Chủ tịch HĐND tỉnh" },
  { username: "phochutich1", bodyKey: "standing", role: "vice_chair", title: "Phó Chủ tịch HĐND tỉnh" },
  { username: "phochutich2", bodyKey: "standing", role: "vice_chair", title: "Phó Chủ tịch HĐND tỉnh" },
  ...committeeKeys.map((key) => ({
    username: committeeRosters[key].chair,
    bodyKey: "standing",
    role: "member" as const,
    title: `Ủy viên Thường trực HĐND tỉnh, ${committeeShortTitles[key]}`,
  })),
  { username: "thuky1", bodyKey: "standing", role: "secretary", title: "Thư ký" },

  // Các Ban của HĐND tỉnh.
  ...committeeKeys.flatMap((key): SeedMembership[] => [
    { username: committeeRosters[key].chair, bodyKey: key, role: "chair", title: "Trưởng Ban" },
    ...committeeRosters[key].viceChairs.map(
      (username): SeedMembership => ({ username, bodyKey: key, role: "vice_chair", title: "Phó Trưởng Ban" }),
    ),
    ...committeeRosters[key].members.map(
      (username): SeedMembership => ({ username, bodyKey: key, role: "member", title: "Ủy viên" }),
    ),
    { username: "thuky2", bodyKey: key, role: "secretary", title: "Thư ký" },
  ]),

  // Các Tổ đại biểu HĐND tỉnh.
  ...groupKeys.flatMap((key): SeedMembership[] => [
    { username: groupRosters[key].chair, bodyKey: key, role: "chair", title: "Tổ trưởng" },
    ...groupRosters[key].viceChairs.map(
      (username): SeedMembership => ({ username, bodyKey: key, role: "vice_chair", title: "Tổ phó" }),
    ),
    ...groupRosters[key].members.map(
      (username): SeedMembership => ({ username, bodyKey: key, role: "member", title: "Thành viên" }),
    ),
  ]),
];

// --- The upcoming session ----------------------------------------------------------------------------------------

export const demoSession = {
  number: 5,
  title: "Kỳ họp thứ Năm (kỳ họp thường lệ cuối năm 2026)",
  kind: "regular" as const,
  startsOn: "2026-12-08",
  endsOn: "2026-12-10",
  place: "Hội trường HĐND tỉnh, số 1 đường Trần Hưng Đạo, phường Trung Tâm, tỉnh Lâm Hà",
  sittings: [
    {
      title: "Phiên khai mạc",
      startsAt: "2026-12-08T08:00:00+07:00",
      endsAt: "2026-12-08T11:30:00+07:00",
      agenda: [
        {
          title: "Chào cờ; khai mạc kỳ họp",
          presenter: "Chủ tịch HĐND tỉnh",
          plannedMinutes: 20,
          description: "Chào cờ, tuyên bố lý do, giới thiệu đại biểu; Chủ tịch HĐND tỉnh phát biểu khai mạc kỳ họp.",
        },
        {
          title: "Báo cáo tình hình kinh tế – xã hội năm 2026 và kế hoạch phát triển kinh tế – xã hội năm 2027",
          presenter: "Chủ tịch UBND tỉnh",
          plannedMinutes: 30,
          description: "Báo cáo của UBND tỉnh; kèm các báo cáo chuyên đề gửi đại biểu nghiên cứu.",
        },
        {
          title: "Tờ trình về dự toán ngân sách địa phương và phương án phân bổ ngân sách cấp tỉnh năm 2027",
          presenter: "Giám đốc Sở Tài chính (thừa ủy quyền UBND tỉnh)",
          plannedMinutes: 25,
          description: "Kèm báo cáo đánh giá thực hiện thu, chi ngân sách năm 2026 và kế hoạch đầu tư công năm 2027.",
        },
        {
          title: "Báo cáo thẩm tra của Ban Kinh tế – Ngân sách",
          presenter: "Trưởng Ban Kinh tế – Ngân sách HĐND tỉnh",
          plannedMinutes: 25,
          description: "Thẩm tra báo cáo kinh tế – xã hội, dự toán ngân sách và kế hoạch đầu tư công năm 2027.",
        },
        {
          title: "Báo cáo thẩm tra của Ban Pháp chế, Ban Văn hóa – Xã hội và Ban Dân tộc",
          presenter: "Trưởng các Ban của HĐND tỉnh",
          plannedMinutes: 30,
        },
        {
          title: "Báo cáo kết quả giám sát năm 2026 của Thường trực HĐND và các Ban của HĐND tỉnh",
          presenter: "Phó Chủ tịch HĐND tỉnh",
          plannedMinutes: 20,
          description: "Gồm kết quả giám sát chuyên đề và việc giải quyết kiến nghị cử tri gửi đến kỳ họp trước.",
        },
        {
          title: "Thông báo về công tác tham gia xây dựng chính quyền và tổng hợp ý kiến, kiến nghị của cử tri",
          presenter: "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
          plannedMinutes: 20,
        },
      ],
    },
    {
      title: "Phiên thảo luận và biểu quyết các nghị quyết",
      startsAt: "2026-12-09T08:00:00+07:00",
      endsAt: "2026-12-09T17:00:00+07:00",
      agenda: [
        {
          title: "Báo cáo tổng hợp ý kiến thảo luận tại các Tổ đại biểu",
          presenter: "Thường trực HĐND tỉnh",
          plannedMinutes: 15,
        },
        {
          title: "Thảo luận tại hội trường",
          presenter: "Chủ tọa kỳ họp điều hành; đại biểu HĐND tỉnh",
          plannedMinutes: 120,
          description: "Thảo luận về tình hình kinh tế – xã hội, dự toán ngân sách và các tờ trình trình kỳ họp.",
        },
        {
          title: "Chất vấn và trả lời chất vấn",
          presenter: "Chủ tọa kỳ họp; Thủ trưởng các sở, ngành được chất vấn",
          plannedMinutes: 120,
          description: "Nhóm vấn đề chất vấn: giải ngân vốn đầu tư công; bảo đảm vật tư, thuốc tại cơ sở y tế.",
        },
        {
          title: "Phát biểu giải trình, tiếp thu ý kiến đại biểu",
          presenter: "Chủ tịch UBND tỉnh",
          plannedMinutes: 30,
        },
        {
          title: "Biểu quyết thông qua các nghị quyết",
          presenter: "Thường trực HĐND tỉnh; Trưởng các Ban của HĐND tỉnh",
          plannedMinutes: 60,
          description:
            "Nghị quyết về nhiệm vụ phát triển kinh tế – xã hội năm 2027; dự toán ngân sách địa phương năm 2027; kế hoạch đầu tư công năm 2027; chương trình giám sát năm 2027 của HĐND tỉnh.",
        },
        {
          title: "Bế mạc kỳ họp",
          presenter: "Chủ tịch HĐND tỉnh",
          plannedMinutes: 20,
        },
      ],
    },
  ],
};
