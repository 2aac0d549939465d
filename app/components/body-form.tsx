import { z } from "zod";
import { bodyKinds } from "#db/schema";

export const bodyFields = {
  name: z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(200, "validation.tooLong"),
  shortName: z.string().trim().max(60, "validation.tooLong").optional(),
  kind: z.enum(bodyKinds, { error: "validation.choose" }),
  parentId: z.string().optional(),
};

/** RULES.md 11 settings of a body: how long before a sitting invitations and documents are due. */
export const leadTimeFields = {
  invitationLeadDays: z.coerce.number({ error: "meetings.errors.number" }).int("meetings.errors.number").min(0, "meetings.errors.number").max(60),
  documentLeadDays: z.coerce.number({ error: "meetings.errors.number" }).int("meetings.errors.number").min(0, "meetings.errors.number").max(60),
  leadDaysAreWorkingDays: z.preprocess((v) => v === "on" || v === "true", z.boolean()).default(false),
};

/** A calendar day from <input type="date">, as "YYYY-MM-DD". */
export const isoDate = z.string({ error: "validation.date" }).regex(/^\d{4}-\d{2}-\d{2}$/, "validation.date");
