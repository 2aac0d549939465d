// Expected failures of the domain. `message` is an i18n key (app/i18n), `params` its values; routes and socket
// handlers translate it into the user's language. The status map is the one place codes become HTTP statuses.
export const appErrorStatus = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  locked: 429,
  // A document's file that a step (signing, export, a watermarked copy) could not process; the message says what the
  // user can do next (try again, or return the document to its sender).
  unprocessable: 422,
  // A fault on the server that the user should still be told about in words (a signing key that cannot be unsealed).
  internal: 500,
} as const;

export type AppErrorCode = keyof typeof appErrorStatus;

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(message);
    this.name = "AppError";
  }

  get status() {
    return appErrorStatus[this.code];
  }
}
