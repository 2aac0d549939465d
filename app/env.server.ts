import { z } from "zod";

const schema = z.object({
  NODE_ENV: z.enum(["production", "development", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  DATABASE_PATH: z.string().default("data/app.db"),
  DATA_DIR: z.string().default("data"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  // Behind TLS termination set this so the session cookie is Secure even if NODE_ENV isn't production.
  SECURE_COOKIES: z
    .enum(["true", "false"])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === "true")),
  // Express "trust proxy": set when running behind a reverse proxy so the client IP is read from X-Forwarded-For.
  TRUST_PROXY: z.string().optional(),
  // Largest PDF accepted by an upload (RULES / issue #3 setting).
  MAX_UPLOAD_MB: z.coerce.number().int().min(1).max(10_000).default(200),
  // Files larger than this are signed in the background, the page following it live (issue #11); smaller ones within
  // the request.
  SIGN_IN_BACKGROUND_MB: z.coerce.number().min(0).max(10_000).default(20),
  // Secrets kept apart from the data folder (decision 0011): the ballot secret seals secret polls' ballot keys. Unset,
  // a random one is kept in SECRETS_DIR/ballot-secret (read where it is used: app/models/ballot-box.server.ts).
  BALLOT_KEY_SECRET: z.string().min(16, "at least 16 characters").optional(),
  SECRETS_DIR: z.string().default("secrets"),
  SEED_ON_EMPTY: z
    .enum(["true", "false"])
    .default("true")
    .transform((v) => v === "true"),
});

export type Env = z.infer<typeof schema>;

function parseEnv(): Env {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid environment:\n${issues}`);
  }
  return parsed.data;
}

export const env = parseEnv();
export const isProduction = env.NODE_ENV === "production";
