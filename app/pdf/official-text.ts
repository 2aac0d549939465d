// Fixed wording of official documents, mandated by Nghị định 30/2020/NĐ-CP (Phụ lục I). This is document content,
// not interface text: it stays Vietnamese whatever language the user reads the app in, so it is not in app/i18n.
import { timeZone } from "~/i18n/format";

/** Quốc hiệu (ô 1): bold capitals, 12–13 pt. */
export const nationalName = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";

/** Tiêu ngữ (ô 1): bold, 13–14 pt, initial capitals, hyphens with a space either side, a rule under it. */
export const motto = "Độc lập - Tự do - Hạnh phúc";

/** Prefix of the number line (ô 3). */
export const numberLabel = "Số:";

/** Document types used here: name printed as the title (ô 5) and code in the number (Phụ lục III). */
export const documentTypes = {
  agenda: { title: "CHƯƠNG TRÌNH", code: "CTr" },
} as const;

/** "Nơi nhận:" (ô 9a). */
export const recipientsLabel = "Nơi nhận:";

/**
 * "ngày 05 tháng 02 năm 2026": the written date of the place-and-date line (ô 4), in Vietnam's zone.
 * Days below 10 and months 1–2 take a leading zero (so "tháng 3", not "tháng 03"; RULES.md 17).
 */
export function writtenDate(date: Date): string {
  const { day, month, year } = vietnamClock(date);
  return `ngày ${String(day).padStart(2, "0")} tháng ${month <= 2 ? `0${month}` : month} năm ${year}`;
}

/** The calendar year in Vietnam's zone: a number series restarts on 1 January there (RULES.md 17). */
export function vietnamYear(date: Date): number {
  return vietnamClock(date).year;
}

/**
 * Số và ký hiệu (RULES.md 16–17): "05/TB-HĐND"; a normative resolution carries the year, "06/2026/NQ-HĐND". Numbers
 * below 10 take a leading zero. A type without a code (Công văn) gives "12/HĐND".
 */
export function documentReference({ number, typeCode, bodyCode, year, normative = false }: { number: number; typeCode: string | null; bodyCode: string; year: number; normative?: boolean }) {
  return `${serial(String(number))}/${normative ? `${year}/` : ""}${symbol(typeCode, bodyCode)}`;
}

/** Numbers below 10 take a leading zero (RULES.md 17): "05". */
function serial(number: string) {
  return /^\d$/.test(number) ? `0${number}` : number;
}

/** The part after the serial: "NQ-HĐND", or the body's code alone for a type without one (Công văn). */
function symbol(typeCode: string | null, bodyCode: string) {
  return typeCode ? `${typeCode}-${bodyCode}` : bodyCode;
}

/** The number line (ô 3) of a document whose number is `reference`: "Số: 05/NQ-HĐND". */
export function numberLine(reference: string) {
  return `${numberLabel} ${reference}`;
}

/** "08 giờ 00" (Vietnam's zone), as times are written in the body of a document. */
export function writtenTime(date: Date): string {
  const { hour, minute } = vietnamClock(date);
  return `${String(hour).padStart(2, "0")} giờ ${String(minute).padStart(2, "0")}`;
}

/** "08h00", the short form used in the time column of a programme. */
export function shortTime(date: Date): string {
  const { hour, minute } = vietnamClock(date);
  return `${String(hour).padStart(2, "0")}h${String(minute).padStart(2, "0")}`;
}

/** "thứ Năm", "Chủ nhật" (Vietnam's zone). */
export function weekdayName(date: Date): string {
  const weekday = vietnamClock(date).weekday;
  return weekday === 0 ? "Chủ nhật" : `thứ ${weekdayNumbers[weekday]}`;
}

const weekdayNumbers = ["", "Hai", "Ba", "Tư", "Năm", "Sáu", "Bảy"];

/** "45 phút", "1 giờ", "3 giờ 30 phút". */
export function writtenDuration(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} phút`;
  return rest === 0 ? `${hours} giờ` : `${hours} giờ ${rest} phút`;
}

/** Whether two instants fall on the same calendar day in Vietnam. */
export function sameVietnamDay(a: Date, b: Date): boolean {
  const x = vietnamClock(a);
  const y = vietnamClock(b);
  return x.day === y.day && x.month === y.month && x.year === y.year;
}

const clockFormat = new Intl.DateTimeFormat("en-US", {
  timeZone,
  year: "numeric",
  month: "numeric",
  day: "numeric",
  hour: "numeric",
  minute: "numeric",
  weekday: "short",
  hourCycle: "h23",
});
const weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

function vietnamClock(date: Date) {
  const parts = Object.fromEntries(clockFormat.formatToParts(date).map((part) => [part.type, part.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    weekday: weekdays.indexOf(parts.weekday),
  };
}

/** "Lâm Hà, ngày 05 tháng 02 năm 2026" — the place is the province or district name, without its rank. */
export function placeAndDate(place: string, date: Date): string {
  return `${place}, ${writtenDate(date)}`;
}

/**
 * The full number: "Số: 12/CTr-HĐND". Before a number is assigned, the decree's drafts leave its place blank:
 * "Số:      /CTr-HĐND". Numbers below 10 take a leading zero.
 */
export function documentNumber(number: string, typeCode: string, issuerCode: string): string {
  return numberLine(`${serial(number.trim()) || " ".repeat(6)}/${symbol(typeCode, issuerCode)}`);
}

/** The usual recipients of a sitting's programme (ô 9a). */
export const agendaRecipients = ["Như thành phần mời họp;", "Lưu: VT."];

/**
 * Who signs a sitting's programme, on whose behalf (RULES.md 18): the standing committee for the council's own
 * sittings, a committee or delegate group for its own.
 */
export function programmeSignerCapacity(body: { kind: string; name: string }) {
  if (body.kind === "delegate_group") return "TM. TỔ ĐẠI BIỂU";
  return onBehalfOf(body.kind === "council" ? { kind: "standing_committee", name: body.name } : body);
}

/** "TM." and the body a collective signs for (RULES.md 18): the council, its standing committee, or a committee by name. */
function onBehalfOf(body: { kind: string; name: string }) {
  if (body.kind === "council") return "TM. HỘI ĐỒNG NHÂN DÂN";
  if (body.kind === "standing_committee") return "TM. THƯỜNG TRỰC HĐND";
  return `TM. ${body.name.toLocaleUpperCase("vi")}`;
}

/** The issuer's abbreviation in a People's Council document number ("12/CTr-HĐND"), its committees included. */
export const councilIssuerCode = "HĐND";

/** The code a document type takes in an issued document's number (Phụ lục III); a draft resolution is issued as NQ. */
export function issuedTypeCode(type: string): string | null {
  const codes: Record<string, string | null> = { DTNQ: "NQ", NQ: "NQ", QD: "QĐ", BCTT: "BC", CV: null, KHAC: null };
  return type in codes ? codes[type] : type;
}

/** Only a resolution (or its draft) may be a normative document, whose number carries the year (RULES.md 17). */
export function mayBeNormative(type: string) {
  return issuedTypeCode(type) === "NQ";
}

/**
 * The lines of a signer's visible signature (RULES.md 18–19): on whose behalf, the title (a vice chair signs "KT."
 * for the chair), the name, and the signing time in ISO 8601 with Vietnam's offset.
 */
export function signerLines({ body, role, fullName, time }: { body: { kind: string; name: string }; role: string | null; fullName: string; time: string }) {
  const head = body.kind === "committee" ? "TRƯỞNG BAN" : body.kind === "delegate_group" ? "TỔ TRƯỞNG" : "CHỦ TỊCH";
  const deputy = body.kind === "committee" ? "PHÓ TRƯỞNG BAN" : body.kind === "delegate_group" ? "TỔ PHÓ" : "PHÓ CHỦ TỊCH";
  const titles = role === "vice_chair" ? [`KT. ${head}`, deputy] : [head];
  return [onBehalfOf(body), ...titles, fullName, `Ký số: ${time}`].map((text) => text.normalize("NFC"));
}

/** The issuing body's signature (RULES.md 19): its name and the signing time. */
export function agencyLines({ bodyName, time }: { bodyName: string; time: string }) {
  return [bodyName.toLocaleUpperCase("vi"), `Thời gian ký: ${time}`].map((text) => text.normalize("NFC"));
}
