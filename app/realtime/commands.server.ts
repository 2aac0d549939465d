import type { z } from "zod";
import { getT } from "~/i18n/i18n";
import { AppError } from "~/models/app-error";
import { logger } from "~/logger.server";
import type { Ack } from "./events";
import type { AppServerSocket } from "./server.server";

/**
 * Wraps a socket command: validates the payload with zod, runs the handler, and always answers through the ack —
 * `{ ok: false, error: { code, message } }` in the user's language for bad input or a refused action.
 */
export function command<S extends z.ZodType, R extends object>(
  socket: AppServerSocket,
  schema: S,
  handler: (input: z.infer<S>) => R | Promise<R>,
) {
  return async (...args: unknown[]) => {
    // The acknowledgement is the last argument: a command sent without a payload has it first, and is answered
    // "invalid" like any other bad payload. Without an acknowledgement there is nobody to answer.
    const ack = args.at(-1);
    const payload = args.length > 1 ? args[0] : undefined;
    if (typeof ack !== "function") return;
    const reply = ack as (reply: Ack<R>) => void;
    const t = getT(socket.data.locale);
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      // A field with its own message (an i18n key in the schema) says what is wrong; anything else is "invalid".
      const own = parsed.error.issues.map((issue) => t(issue.message, { defaultValue: "" })).find(Boolean);
      reply({ ok: false, error: { code: "invalid", message: own || t("realtime.errors.invalid") } });
      return;
    }
    try {
      reply({ ok: true, ...(await handler(parsed.data)) });
    } catch (error) {
      if (error instanceof AppError) {
        reply({ ok: false, error: { code: error.code, message: t(error.message, error.params) } });
        return;
      }
      logger.error({ err: error }, "socket command failed");
      reply({ ok: false, error: { code: "internal", message: t("realtime.errors.internal") } });
    }
  };
}
