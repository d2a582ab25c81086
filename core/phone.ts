// Phone numbers for SMS: E.164 only ("+" and up to 15 digits, country code first), and never a number that
// costs its subscriber or us extra or that no person answers: short codes, premium-rate ranges and the
// international non-geographic codes. The list is of well-known ranges (docs in README "SMS"), not complete;
// Twilio refuses the rest (its error 21211/21614 comes back as a per-field message).

import { problemText, signupProblem, type SignupProblem } from "./signup-problems";

/** Refused: `problem` for the reader's language, `error` the same in English (console, API, logs). */
export type PhoneResult = { ok: true; e164: string } | { ok: false; problem: SignupProblem; error: string };

/** Prefixes (after "+") that are premium-rate, shared-cost or non-geographic. */
export const REFUSED_PREFIXES: readonly string[] = [
  // North America: 900 and 976 premium
  "1900",
  "1976",
  // United Kingdom: 09 premium, 087/084 service numbers, 070 personal numbering
  "449",
  "4487",
  "4484",
  "4470",
  // Germany: 0900 premium, 0137 mass calling, 0118 directory
  "49900",
  "49137",
  "49118",
  // France: 089 premium, 081/082 shared cost
  "3389",
  "3381",
  "3382",
  // Netherlands 0900/0906/0909, Spain 80x/90x premium, Italy 89x
  "31900",
  "31906",
  "31909",
  "34803",
  "34806",
  "34807",
  "34905",
  "3989",
  // International non-geographic: freephone, shared cost, satellite, international networks, premium
  "800",
  "808",
  "870",
  "881",
  "882",
  "883",
  "888",
  "979",
];

const refused = (code: "phoneInternational" | "phoneShortCode" | "phonePremium"): PhoneResult => {
  const problem = signupProblem(code);
  return { ok: false, problem, error: problemText(problem) };
};

export function parsePhoneNumber(raw: string): PhoneResult {
  if (raw.length > 40 || /[\u0000-\u001f\u007f]/.test(raw)) return refused("phoneInternational");
  const compact = raw.trim().replace(/[\s().\-\u00a0]/g, "");
  if (/^\d{3,8}$/.test(compact)) return refused("phoneShortCode");
  if (!/^\+[1-9]\d{7,14}$/.test(compact)) return refused("phoneInternational");
  const digits = compact.slice(1);
  if (REFUSED_PREFIXES.some((p) => digits.startsWith(p))) return refused("phonePremium");
  return { ok: true, e164: compact };
}

/** "+49•••••••567": enough to recognise a number, not to use it. */
export function maskPhone(e164: string): string {
  return e164.slice(0, 3) + "•".repeat(Math.max(0, e164.length - 6)) + e164.slice(-3);
}
