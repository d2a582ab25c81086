// The address field of the email sign-up and of "follow this incident by email". Its messages are problem
// codes (core/signup-problems.ts), not sentences, so each caller says them in its reader's language: the
// public forms in the visitor's, the console and the API in English.
import { z } from "zod";
import { LIMITS } from "@/db/constants";
import { invalidSignup, problemsFromFieldErrors, type InvalidSignup } from "@/core/signup-problems";

/** Required; trimmed, at most LIMITS.email long, and an address (which also refuses control characters). */
export const emailField = z
  .string()
  .trim()
  .max(LIMITS.email, { error: "emailTooLong" })
  .pipe(z.email({ error: "emailInvalid" }));

/** The values the codes of these sign-up schemas need (the limit a message names). */
export const EMAIL_PROBLEM_VALUES = { emailTooLong: { max: LIMITS.email } };

/** A sign-up schema's refusal as problems, with their English words (what the console and the API show). */
export const emailSignupProblems = (error: z.ZodError): InvalidSignup =>
  invalidSignup(
    problemsFromFieldErrors(z.flattenError(error).fieldErrors as Record<string, string[]>, EMAIL_PROBLEM_VALUES),
  );
