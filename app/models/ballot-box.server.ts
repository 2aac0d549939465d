// The ballot box of a secret poll (RULES.md 3, decision 0011). While a secret poll is open, each choice is kept only
// as a sealed box: AES-256-GCM under the poll's own ballot key, bound to the poll, the same length for every choice
// and different bytes every time, under a random id. The ballot key is stored sealed under the server's ballot
// secret (BALLOT_KEY_SECRET, or a file in SECRETS_DIR — never in the data folder), so a copy of the data folder, its
// write-ahead log read commit by commit, or a backup shows who voted and boxes nobody can open. Closing the poll opens
// the boxes, counts them, and deletes the boxes and the key.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { ballotChoices, type BallotChoice } from "#db/schema";
import { createVault } from "~/vault.server";
import { AppError } from "./app-error";

const ballotVault = createVault({
  envVar: "BALLOT_KEY_SECRET",
  dir: () => process.env.SECRETS_DIR ?? "secrets",
  fileName: "ballot-secret",
  salt: "phonghop/ballot-box/v1",
  errorKey: "live.errors.ballotKey",
});

// Open polls' keys in this process, so a ballot costs one AES operation, not an unsealing too.
const keys = new Map<string, Buffer>();

/** A new secret poll's ballot key, sealed for the database. */
export function newBallotKey(pollId: string) {
  const key = randomBytes(32);
  keys.set(pollId, key);
  return ballotVault.seal(key);
}

/** The open poll's key: from memory, or unsealed from the database (after a restart). */
export function ballotKey(pollId: string, sealed: string | null) {
  let key = keys.get(pollId);
  if (!key) {
    if (!sealed) throw new AppError("internal", "live.errors.ballotKey");
    key = ballotVault.unseal(sealed);
    keys.set(pollId, key);
  }
  return key;
}

/** The poll is closed or cancelled: its key is gone from memory as it is from the database. */
export function forgetBallotKey(pollId: string) {
  keys.get(pollId)?.fill(0);
  keys.delete(pollId);
}

/** One choice, sealed: 12 bytes of IV, 16 of tag, 1 of ciphertext — whatever the choice. */
export function sealBallot(key: Buffer, pollId: string, choice: BallotChoice) {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(pollId, "utf8"));
  const body = Buffer.concat([cipher.update(Buffer.of(ballotChoices.indexOf(choice))), cipher.final()]);
  return { boxId: randomBytes(16), box: Buffer.concat([iv, cipher.getAuthTag(), body]) };
}

/** The choice in a box of this poll; a box altered, or moved from another poll, is refused. */
export function openBallot(key: Buffer, pollId: string, box: Buffer): BallotChoice {
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, box.subarray(0, 12));
    decipher.setAAD(Buffer.from(pollId, "utf8"));
    decipher.setAuthTag(box.subarray(12, 28));
    const plain = Buffer.concat([decipher.update(box.subarray(28)), decipher.final()]);
    const choice = ballotChoices[plain[0]!];
    if (plain.length === 1 && choice) return choice;
  } catch {
    // falls through: the tag did not match
  }
  throw new AppError("internal", "live.errors.ballotBoxDamaged");
}
