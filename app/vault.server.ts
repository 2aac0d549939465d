// Secrets at rest: small values (a signing key, a poll's ballot key) sealed with AES-256-GCM under a key derived from
// a server secret. The secret comes from the environment, configured apart from the data it protects; for the demo
// and trials, a random one is kept in a file (mode 0600) and a warning says to set the variable in production.
import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { logger } from "~/logger.server";
import { AppError } from "~/models/app-error";

export type Vault = {
  /** One printable string out: `v1:` + base64(iv, tag, ciphertext). A fresh IV each time. */
  seal: (plain: Buffer | string) => string;
  /** The sealed value's bytes; an AppError with `errorKey` when the secret changed or the value was altered. */
  unseal: (sealed: string) => Buffer;
};

const version = "v1";

/**
 * A vault over one secret: the environment variable `envVar` if set, else the file `fileName` in the folder `dir()`
 * (created with a random secret on first use). `salt` keeps keys derived from the same secret distinct per use.
 */
export function createVault({ envVar, dir, fileName, salt, errorKey }: { envVar: string; dir: () => string; fileName: string; salt: string; errorKey: string }): Vault {
  let warned = false;
  const secret = () => {
    // Read on every use (not once at start): tests and key rotation change the environment.
    const fromEnv = process.env[envVar];
    if (fromEnv) return fromEnv;
    const file = join(dir(), fileName);
    if (!existsSync(file)) createSecretFile(dir(), file);
    if (!warned) {
      warned = true;
      logger.warn({ file }, `a secret is kept in a file; set ${envVar} in production and keep it apart from backups`);
    }
    return readSecretFile(file);
  };
  const key = () => derive(secret(), salt);
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", key(), iv);
      const ciphertext = Buffer.concat([cipher.update(typeof plain === "string" ? Buffer.from(plain, "utf8") : plain), cipher.final()]);
      return `${version}:${Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString("base64")}`;
    },
    unseal(sealed) {
      const [v, body] = sealed.split(":", 2);
      if (v !== version || !body) throw new AppError("internal", errorKey);
      const raw = Buffer.from(body, "base64");
      try {
        const decipher = createDecipheriv("aes-256-gcm", key(), raw.subarray(0, 12));
        decipher.setAuthTag(raw.subarray(12, 28));
        return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]);
      } catch {
        // A wrong secret and a tampered value look the same to GCM: the tag does not match.
        throw new AppError("internal", errorKey);
      }
    },
  };
}

const derived = new Map<string, Buffer>();

function derive(secret: string, salt: string) {
  const id = `${salt}\u0000${secret}`;
  let key = derived.get(id);
  if (!key) {
    // scrypt is deliberately slow (~50 ms); derive once per secret and process.
    key = scryptSync(secret, salt, 32);
    derived.set(id, key);
  }
  return key;
}

function createSecretFile(dir: string, file: string) {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  try {
    writeFileSync(file, randomBytes(32).toString("base64"), { mode: 0o600, flag: "wx" });
  } catch (error) {
    // Another process created it first: use theirs.
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
}

/** The secret in a file; one being written by another process at this moment is waited for (briefly). */
function readSecretFile(file: string) {
  for (let attempt = 0; ; attempt++) {
    const value = readFileSync(file, "utf8").trim();
    if (value) return value;
    if (attempt === 50) throw new Error(`the secret file ${file} is empty`);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
  }
}
