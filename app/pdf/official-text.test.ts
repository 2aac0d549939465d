import { describe, expect, it } from "vitest";
import { documentNumber, documentReference, placeAndDate, vietnamYear, shortTime, weekdayName, writtenDate, writtenDuration, writtenTime } from "./official-text";

describe("official text", () => {
  it("writes dates in Vietnam's zone, zero-padding days below 10 and months 1–2 only", () => {
    // 17:30 UTC on 4 February is 00:30 on 5 February in Vietnam.
    expect(placeAndDate("Lâm Hà", new Date("2026-02-04T17:30:00Z"))).toBe("Lâm Hà, ngày 05 tháng 02 năm 2026");
    expect(writtenDate(new Date("2026-01-09T03:00:00Z"))).toBe("ngày 09 tháng 01 năm 2026");
    expect(writtenDate(new Date("2026-03-15T03:00:00Z"))).toBe("ngày 15 tháng 3 năm 2026");
    expect(writtenDate(new Date("2026-12-31T16:59:00Z"))).toBe("ngày 31 tháng 12 năm 2026");
    expect(writtenDate(new Date("2026-12-31T17:00:00Z"))).toBe("ngày 01 tháng 01 năm 2027");
  });

  it("writes times, weekdays and durations", () => {
    const start = new Date("2026-02-05T01:05:00Z");
    expect(writtenTime(start)).toBe("08 giờ 05");
    expect(shortTime(start)).toBe("08h05");
    expect(weekdayName(start)).toBe("thứ Năm");
    expect(weekdayName(new Date("2026-02-08T01:00:00Z"))).toBe("Chủ nhật");
    expect([45, 60, 210].map(writtenDuration)).toEqual(["45 phút", "1 giờ", "3 giờ 30 phút"]);
  });

  it("writes the number line, leaving a blank for a draft", () => {
    expect(documentNumber("12", "CTr", "HĐND")).toBe("Số: 12/CTr-HĐND");
    expect(documentNumber("5", "CTr", "HĐND")).toBe("Số: 05/CTr-HĐND");
    expect(documentNumber("", "CTr", "HĐND")).toBe("Số:       /CTr-HĐND");
    expect(documentReference({ number: 1, typeCode: "NQ", bodyCode: "HĐND", year: 2026 })).toBe("01/NQ-HĐND");
    expect(documentReference({ number: 6, typeCode: "NQ", bodyCode: "HĐND", year: 2026, normative: true })).toBe("06/2026/NQ-HĐND");
    expect(documentReference({ number: 112, typeCode: null, bodyCode: "HĐND", year: 2026 })).toBe("112/HĐND");
    // The series of a year is Vietnam's year: 23:30 on 31 December UTC is already next year there.
    expect(vietnamYear(new Date("2026-12-31T17:30:00Z"))).toBe(2027);
  });
});
