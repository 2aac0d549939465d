import type { GlobalRole } from "#db/schema";
import { can, type Permission } from "~/auth/permissions";
import { AppError } from "./app-error";

/** Who is asking: enough of the signed-in user for the models' permission checks. */
export type Reader = { id: string; role: GlobalRole };

/** Every model function that needs a permission checks it here, for HTTP and socket callers alike. */
export function requireCan(reader: Reader, permission: Permission) {
  if (!can(reader, permission)) throw new AppError("forbidden", "errorPage.forbidden.title");
}
