// Sealing credentials we must present to someone else (an S3 target's secret access key): they cannot be hashed,
// so they are encrypted at rest with AES-256-GCM (authenticated: a changed byte fails to open, never opens wrong).
// The key is never in the database, so a copy of the database or a snapshot alone does not reveal a secret:
//   - SECRETS_KEY, 32 random bytes as base64 or hex (`openssl rand -base64 32`), when set; the same value on a
//     standby or a new server opens what the old one sealed;
//   - otherwise `secrets.key` beside the database, generated on first use (mode 0600). Copy it with the database
//     to a new server, or enter the secrets there again.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { ConfigError } from "@/core/config";

const VERSION = "v1";
const KEY_FILE = "secrets.key";

export interface SecretBox {
  seal(plain: string): string;
  open(sealed: string): string;
}

function parseKey(text: string, where: string): Buffer {
  const t = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(t) ? Buffer.from(t, "hex") : Buffer.from(t, "base64");
  if (key.length !== 32 || (!/^[0-9a-fA-F]{64}$/.test(t) && key.toString("base64") !== t))
    throw new ConfigError(
      `${where} must be 32 random bytes as base64 (44 characters) or hex (64), e.g. from openssl rand -base64 32`,
    );
  return key;
}

function keyFromFile(dataFolder: string): Buffer {
  const file = path.join(dataFolder, KEY_FILE);
  try {
    return parseKey(fs.readFileSync(file, "utf8"), file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  fs.mkdirSync(dataFolder, { recursive: true });
  try {
    // "wx": two processes starting at once cannot both write a key; the loser reads the winner's.
    fs.writeFileSync(file, `${crypto.randomBytes(32).toString("base64")}\n`, { flag: "wx", mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  }
  return parseKey(fs.readFileSync(file, "utf8"), file);
}

export function secretBox(options: { dataFolder: string; env?: Record<string, string | undefined> }): SecretBox {
  let key: Buffer | undefined;
  const getKey = () => {
    const fromEnv = (options.env ?? process.env).SECRETS_KEY;
    key ??= fromEnv ? parseKey(fromEnv, "SECRETS_KEY") : keyFromFile(options.dataFolder);
    return key;
  };
  return {
    seal(plain) {
      const iv = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv("aes-256-gcm", getKey(), iv);
      const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
      return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64")}`;
    },
    open(sealed) {
      const [version, data] = sealed.split(":");
      const bytes = Buffer.from(data ?? "", "base64");
      try {
        if (version !== VERSION || bytes.length < 28) throw new Error("not a sealed secret");
        const decipher = crypto.createDecipheriv("aes-256-gcm", getKey(), bytes.subarray(0, 12));
        decipher.setAuthTag(bytes.subarray(12, 28));
        return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString("utf8");
      } catch (err) {
        if (err instanceof ConfigError) throw err;
        throw new Error(
          "A stored secret cannot be decrypted with this server's key (SECRETS_KEY or secrets.key beside the database changed): enter it again.",
        );
      }
    },
  };
}
