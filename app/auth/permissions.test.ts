import { describe, expect, test } from "vitest";
import { globalRoles } from "#db/schema";
import { adminPermissions, can, canAny, permissionsByRole } from "./permissions";

describe("can", () => {
  test("only admins manage users, bodies and read the audit log", () => {
    for (const role of globalRoles) {
      for (const permission of adminPermissions) {
        expect(can({ role }, permission), `${role} ${permission}`).toBe(role === "admin");
      }
    }
  });

  test("a delegate reads their own sittings and votes, nothing more", () => {
    expect(permissionsByRole.delegate).toEqual(["read:sitting:own", "vote:poll:own"]);
    expect(can({ role: "delegate" }, "vote:poll:own")).toBe(true);
    expect(can({ role: "delegate" }, "manage:sitting:any")).toBe(false);
  });

  test("a guest never votes", () => {
    expect(can({ role: "guest" }, "vote:poll:own")).toBe(false);
  });

  test("a disabled user and nobody at all may do nothing", () => {
    expect(can({ role: "admin", disabled: true }, "manage:user:any")).toBe(false);
    expect(can(null, "read:sitting:own")).toBe(false);
    expect(canAny(undefined, adminPermissions)).toBe(false);
  });
});
