import { describe, expect, test } from "vitest";
import { attemptLogin } from "./login.server";
import { createUser, setUserDisabled } from "./user.server";

const actor = { userId: null };
const client = { ip: "10.0.0.5", userAgent: "vitest" };

describe("attemptLogin", async () => {
  await createUser({ actor, input: { username: "Lan", fullName: "Trần Thị Lan", role: "delegate" }, password: "mật-khẩu-đúng-2026" });

  test("the right password logs in, whatever the case of the user name", async () => {
    expect(await attemptLogin({ username: " LAN ", password: "mật-khẩu-đúng-2026", ...client })).toMatchObject({ ok: true });
  });

  test("a password typed with decomposed Vietnamese accents (NFD) still matches", async () => {
    const nfd = "mật-khẩu-đúng-2026".normalize("NFD");
    expect(await attemptLogin({ username: "lan", password: nfd, ...client })).toMatchObject({ ok: true });
  });

  test("ten wrong passwords lock the account, even for the right password, for 15 minutes", async () => {
    for (let i = 1; i <= 9; i++) {
      expect(await attemptLogin({ username: "lan", password: `sai-${i}`, ...client })).toEqual({ ok: false, code: "invalid" });
    }
    const tenth = await attemptLogin({ username: "lan", password: "sai-10", ...client });
    expect(tenth).toMatchObject({ ok: false, code: "locked" });
    const right = await attemptLogin({ username: "lan", password: "mật-khẩu-đúng-2026", ...client });
    expect(right.ok).toBe(false);
    expect(right.ok === false && right.code === "locked" && right.retryAfterMs).toBeGreaterThan(14 * 60_000);
  });

  test("a burst of parallel guesses cannot get past the lock", async () => {
    await createUser({ actor, input: { username: "tuan", fullName: "Lê Tuấn", role: "delegate" }, password: "mat-khau-cua-tuan" });
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => attemptLogin({ username: "tuan", password: `doan-${i}`, ...client })));
    expect(results.filter((r) => r.ok === false && r.code === "invalid")).toHaveLength(9);
    expect(results.filter((r) => r.ok === false && r.code === "locked")).toHaveLength(21);
  });

  test("an unknown account and a disabled one get the same answer as a wrong password", async () => {
    expect(await attemptLogin({ username: "khong-co", password: "x", ...client })).toEqual({ ok: false, code: "invalid" });
    const id = await createUser({ actor, input: { username: "hoa", fullName: "Lê Hoa", role: "delegate" }, password: "mat-khau-cua-hoa" });
    setUserDisabled({ actor, userId: id, disabled: true });
    expect(await attemptLogin({ username: "hoa", password: "mat-khau-cua-hoa", ...client })).toEqual({ ok: false, code: "invalid" });
  });
});
