import type { SubmissionResult } from "@conform-to/react";
import { data } from "@remix-run/node";
import type { Locale } from "#db/schema";
import { getT } from "~/i18n/i18n";
import { AppError } from "~/models/app-error";

type Replyable = { reply: (options?: { formErrors?: string[] }) => SubmissionResult<string[]> };

/**
 * The form's answer to invalid input: status 400 with Conform's reply, so the form shows each message.
 * `extra` travels with it (several forms on one page tell theirs apart by `intent`).
 */
export function invalidReply<E extends object = object>(submission: Replyable, extra?: E) {
  return data({ ...(extra as E), result: submission.reply() }, { status: 400 });
}

/** A domain error (AppError) shown on the form in the user's language; anything else is rethrown. */
export function errorReply<E extends object = object>(submission: Replyable, error: unknown, locale: Locale, extra?: E) {
  if (!(error instanceof AppError)) throw error;
  const message = getT(locale)(error.message, error.params);
  return data({ ...(extra as E), result: submission.reply({ formErrors: [message] }) }, { status: error.status });
}
