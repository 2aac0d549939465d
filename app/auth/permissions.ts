// Typed permission strings `action:entity:access` (Epic Stack ADR 028), checked by `can()` on the server for every
// loader, action and socket command, and by the UI to hide what a user may not do. Shared by server and browser.
import type { GlobalRole } from "#db/schema";

export const permissionsByRole = {
  admin: [
    "manage:user:any",
    "manage:body:any",
    "read:audit:any",
    "read:sitting:any",
    "manage:certificate:any",
  ],
  secretary: [
    "read:sitting:any",
    "manage:sitting:any",
    "manage:document:any",
    "read:body:any",
  ],
  chair: [
    "read:sitting:any",
    "run:sitting:any",
    "sign:document:any",
    "read:body:any",
  ],
  delegate: ["read:sitting:own", "vote:poll:own"],
  guest: ["read:sitting:own"],
} as const satisfies Record<GlobalRole, readonly string[]>;

export type Permission = (typeof permissionsByRole)[GlobalRole][number];

type Subject = { role: GlobalRole; disabled?: boolean };

export function can(user: Subject | null | undefined, permission: Permission): boolean {
  if (!user || user.disabled) return false;
  return (permissionsByRole[user.role] as readonly string[]).includes(permission);
}

// The areas of the app and who may open them, for navigation.
export const adminPermissions = ["manage:user:any", "manage:body:any", "read:audit:any", "manage:certificate:any"] as const satisfies Permission[];

export function canAny(user: Subject | null | undefined, permissions: readonly Permission[]) {
  return permissions.some((p) => can(user, p));
}
