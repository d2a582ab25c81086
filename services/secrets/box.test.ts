// Credentials we must present (a bucket's secret key) cannot be hashed: they are sealed with AES-256-GCM under a
// key from SECRETS_KEY or a generated key file beside the database, never in it.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConfigError } from "@/core/config";
import { secretBox } from "./box";

let dir: string;
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "secrets-"))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("the secret box", () => {
  it("generates a key file beside the database (owner-only), and seals so only that key opens", () => {
    const box = secretBox({ dataFolder: dir });
    const sealed = box.seal("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    expect(sealed).toMatch(/^v1:[A-Za-z0-9+/=]+$/);
    expect(sealed).not.toContain("EXAMPLEKEY");
    expect(box.seal("same")).not.toBe(box.seal("same"));
    const keyFile = path.join(dir, "secrets.key");
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    // A second process reads the same file.
    expect(secretBox({ dataFolder: dir }).open(sealed)).toBe("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");

    const other = secretBox({ dataFolder: fs.mkdtempSync(path.join(dir, "other-")) });
    expect(() => other.open(sealed)).toThrow(/cannot be decrypted with this server's key/);
    const tampered = sealed.slice(0, -4) + (sealed.endsWith("AAAA") ? "BBBB" : "AAAA");
    expect(() => box.open(tampered)).toThrow(/cannot be decrypted/);
  });

  it("uses SECRETS_KEY when set (32 bytes, base64 or hex), and says what is wrong with it", () => {
    const key = Buffer.alloc(32, 7);
    const fromBase64 = secretBox({ dataFolder: dir, env: { SECRETS_KEY: key.toString("base64") } });
    const fromHex = secretBox({ dataFolder: dir, env: { SECRETS_KEY: key.toString("hex") } });
    expect(fromHex.open(fromBase64.seal("s3cret"))).toBe("s3cret");
    expect(fs.existsSync(path.join(dir, "secrets.key"))).toBe(false);
    expect(() => secretBox({ dataFolder: dir, env: { SECRETS_KEY: "short" } }).seal("x")).toThrow(ConfigError);
    expect(() => secretBox({ dataFolder: dir, env: { SECRETS_KEY: "short" } }).seal("x")).toThrow(
      /SECRETS_KEY must be 32 random bytes as base64 \(44 characters\) or hex \(64\)/,
    );
  });
});
