import { z } from "zod";
import { sessionKinds } from "#db/schema";
import { isoDate } from "~/components/body-form";

export const timeOfDay = z.string({ error: "meetings.errors.time" }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, "meetings.errors.time");

export const sessionSchema = z.object({
  bodyId: z.string({ error: "validation.choose" }).min(1, "validation.choose"),
  termId: z.string().optional(),
  number: z.coerce.number({ error: "meetings.errors.number" }).int("meetings.errors.number").min(1, "meetings.errors.number").max(999),
  title: z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(300, "validation.tooLong"),
  kind: z.enum(sessionKinds, { error: "validation.choose" }),
  startsOn: isoDate,
  endsOn: isoDate.optional(),
  place: z.string().trim().max(300, "validation.tooLong").optional(),
});

export const sittingFields = {
  title: z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(300, "validation.tooLong"),
  date: isoDate,
  startTime: timeOfDay,
  endTime: timeOfDay.optional(),
  place: z.string().trim().max(300, "validation.tooLong").optional(),
  chairId: z.string().optional(),
  secretaryId: z.string().optional(),
  closed: z.preprocess((v) => v === "on" || v === "true", z.boolean()).default(false),
};

export const newSittingSchema = z.object({
  ...sittingFields,
  bodyId: z.string({ error: "validation.choose" }).min(1, "validation.choose"),
  sessionId: z.string().optional(),
});
