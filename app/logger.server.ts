import pino from "pino";
import { env } from "~/env.server";

// Structured JSON logs to stdout, one line per event.
export const logger = pino({ level: env.NODE_ENV === "test" ? "warn" : env.LOG_LEVEL, base: { app: "phonghop" } });
