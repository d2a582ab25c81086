import { randomBytes, randomInt } from "node:crypto";

const ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

/** A public identifier: 12 lowercase base-36 characters, the form Statuspage uses ("srhpyqt94yxb"). */
export function newId(): string {
  let id = "";
  for (let i = 0; i < 12; i++) id += ALPHABET[randomInt(36)];
  return id;
}

export const ID_PATTERN = /^[0-9a-z]{12}$/;

export function isId(value: unknown): value is string {
  return typeof value === "string" && ID_PATTERN.test(value);
}

/** A random secret token for links and cookies: 32 bytes, base64url. */
export function newToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}
