// TOTP (RFC 6238) over HOTP (RFC 4226): HMAC-SHA1, 6 digits, 30-second steps, as every authenticator app
// expects. Secrets are 20 random bytes, shown to people in base32 (RFC 4648).
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { renderSVG } from "uqr";

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
export const TOTP_STEP_SECONDS = 30;
export const TOTP_DIGITS = 6;

export function base32Encode(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

export function base32Decode(text: string): Buffer {
  const clean = text.toUpperCase().replace(/[\s=-]/g, "");
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of clean) {
    const index = BASE32.indexOf(char);
    if (index < 0) throw new Error("Not base32");
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

export function newTotpSecret(): string {
  return base32Encode(randomBytes(20));
}

export function hotp(key: Buffer, counter: number, digits = TOTP_DIGITS): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac("sha1", key).update(message).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const binary = (mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits;
  return binary.toString().padStart(digits, "0");
}

export function totp(secret: string, atMs: number): string {
  return hotp(base32Decode(secret), Math.floor(atMs / 1000 / TOTP_STEP_SECONDS));
}

/** The step whose code this is: this step or one either side (clock drift); null when it matches none. */
export function matchTotpStep(secret: string, code: string, atMs: number): number | null {
  const clean = code.replace(/\s/g, "");
  if (!/^\d{6}$/.test(clean)) return null;
  const key = base32Decode(secret);
  const step = Math.floor(atMs / 1000 / TOTP_STEP_SECONDS);
  let matched: number | null = null;
  // Every candidate is compared, so the time taken does not say which one matched.
  for (const drift of [-1, 0, 1]) {
    if (timingSafeEqual(Buffer.from(hotp(key, step + drift)), Buffer.from(clean))) matched = step + drift;
  }
  return matched;
}

/** Accepts the code of this step or one step either side (clock drift). */
export function verifyTotp(secret: string, code: string, atMs: number): boolean {
  return matchTotpStep(secret, code, atMs) !== null;
}

/** The otpauth:// link authenticator apps read (from a QR code, or pasted). */
export function otpauthUri(secret: string, account: string, issuer: string): string {
  const label = encodeURIComponent(`${issuer}:${account}`);
  return `otpauth://totp/${label}?secret=${secret}&issuer=${encodeURIComponent(issuer)}&algorithm=SHA1&digits=6&period=30`;
}

/** The otpauth:// link as a QR code (black on white whatever the theme, so every camera reads it), as SVG markup. */
export function otpauthQrSvg(uri: string): string {
  return renderSVG(uri, { pixelSize: 4, border: 4, ecc: "M" }).replace(
    "<svg ",
    '<svg width="216" height="216" aria-hidden="true" ',
  );
}

/** Ten one-time recovery codes like "k3f9-x2m7-q8tw". */
export function newRecoveryCodes(count = 10): string[] {
  const alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
  return Array.from({ length: count }, () => {
    const bytes = randomBytes(12);
    const chars = [...bytes].map((b) => alphabet[b % alphabet.length]).join("");
    return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
  });
}

export function normaliseRecoveryCode(code: string): string {
  return code
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}
