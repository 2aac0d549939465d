import { z } from "zod";
import { globalRoles, locales } from "#db/schema";
import { passwordSchema } from "~/auth/password-schema";

// Shared by the admin's "new user" and "edit user" forms and their actions.
export const userFields = {
  fullName: z.string({ error: "validation.fullNameRequired" }).trim().min(1, "validation.fullNameRequired").max(120, "validation.tooLong"),
  email: z.email({ error: "validation.email" }).max(200, "validation.tooLong").optional(),
  position: z.string().trim().max(200, "validation.tooLong").optional(),
  role: z.enum(globalRoles, { error: "validation.role" }),
  locale: z.enum(locales).default("vi"),
};

export const newUserSchema = z.object({
  ...userFields,
  username: z
    .string({ error: "validation.usernameRequired" })
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9._-]{3,32}$/, "validation.usernameFormat"),
  password: passwordSchema,
});
