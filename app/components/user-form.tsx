import type { FieldMetadata } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { SelectField } from "~/components/forms";
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

/** Role and language of a user, shared by the admin's "new user" and "edit user" forms. */
export function RoleAndLanguageFields({ fields }: { fields: Record<"role" | "locale", FieldMetadata<any>> }) {
  const { t } = useTranslation();
  return (
    <>
      <SelectField label={t("admin.users.role")} meta={fields.role}>
        {globalRoles.map((role) => (
          <option key={role} value={role}>
            {t(`roles.${role}`)}
          </option>
        ))}
      </SelectField>
      <SelectField label={t("admin.users.locale")} meta={fields.locale}>
        <option value="vi">{t("language.vi")}</option>
        <option value="en">{t("language.en")}</option>
      </SelectField>
    </>
  );
}
