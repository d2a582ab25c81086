// Why a sign-up (webhook, chat channel, phone number) was refused, as a code and its values rather than a
// sentence: the rules (core/phone.ts, core/chat-hosts.ts, services/webhooks, services/chat, services/sms) run
// without knowing who asked or in which language, and each place that shows a refusal writes it in its
// reader's language: the public forms in the visitor's, the console and the API in English. The words are
// the namespace "signup-errors"; the English there is also what the console and the API say.
import english from "./i18n/messages/signup-errors/en.json";
import { DEFAULT_LOCALE, type Locale } from "./i18n/locales";
import { translator } from "./i18n/translate";

export type SignupProblemCode = keyof typeof english;
export interface SignupProblem {
  code: SignupProblemCode;
  values?: Record<string, string | number>;
}
/** Per form field, the problems found (the forms show the first). */
export type FieldProblems = Record<string, SignupProblem[]>;

export const signupProblem = (code: SignupProblemCode, values?: SignupProblem["values"]): SignupProblem =>
  values ? { code, values } : { code };

/** One problem in words. */
export function problemText(problem: SignupProblem, locale: Locale = DEFAULT_LOCALE): string {
  return translator(locale, "signup-errors")(problem.code, problem.values as never);
}

/** Every field's problems in words: the `{ field: [message] }` shape forms and the API show. */
export function fieldErrorsIn(problems: FieldProblems, locale: Locale = DEFAULT_LOCALE): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(problems).map(([field, list]) => [field, list.map((p) => problemText(p, locale))]),
  );
}

const CODES = new Set<string>(Object.keys(english));

export const isSignupProblemCode = (value: string): value is SignupProblemCode => CODES.has(value);

/**
 * A zod schema's field errors, when its messages are codes (`{ error: "emailTooLong" }`), as problems; `values`
 * gives the fixed values a code needs (its limit). A message that is not a code (zod's own, for input no form
 * sends) becomes "invalid".
 */
export function problemsFromFieldErrors(
  fieldErrors: Record<string, string[] | undefined>,
  values: Partial<Record<SignupProblemCode, SignupProblem["values"]>> = {},
): FieldProblems {
  const out: FieldProblems = {};
  for (const [field, messages] of Object.entries(fieldErrors)) {
    if (!messages?.length) continue;
    out[field] = messages.map((m) => {
      const code = isSignupProblemCode(m) ? m : "invalid";
      return signupProblem(code, values[code]);
    });
  }
  return out;
}

/** A refused sign-up: the problems for the reader's language, and the same in English (console, API). */
export interface InvalidSignup {
  status: "invalid";
  problems: FieldProblems;
  errors: Record<string, string[]>;
}
export const invalidSignup = (problems: FieldProblems): InvalidSignup => ({
  status: "invalid",
  problems,
  errors: fieldErrorsIn(problems),
});
/** One field's one problem. */
export const invalidField = (field: string, problem: SignupProblem): InvalidSignup =>
  invalidSignup({ [field]: [problem] });

/** A result as a visitor's form shows it: a refusal's field errors in their language, anything else as it is. */
export function inLanguage<R extends { status: string }>(result: R, locale: Locale): R {
  if (result.status !== "invalid" || !("problems" in result)) return result;
  return { ...result, errors: fieldErrorsIn((result as unknown as InvalidSignup).problems, locale) };
}
