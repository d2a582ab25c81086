// Every refusal code of the sign-ups reads as a sentence in every language, with its values in it, and the
// validators' codes come out in the visitor's language (German here) while the console keeps English.
import { describe, expect, it } from "vitest";
import { CHAT_PLATFORM_LABELS } from "@/db/constants";
import english from "./i18n/messages/signup-errors/en.json";
import { LOCALES } from "./i18n/locales";
import { chatUrlCheck } from "./chat-hosts";
import { parsePhoneNumber } from "./phone";
import {
  fieldErrorsIn,
  invalidField,
  isSignupProblemCode,
  problemsFromFieldErrors,
  problemText,
  signupProblem,
  type SignupProblemCode,
} from "./signup-problems";

const VALUES: Record<string, string | number> = {
  max: 2000,
  at: 12,
  host: "hooks.example.com",
  platform: "Slack",
  other: "Discord",
  example: "https://hooks.slack.com/services/T000/B000/XXXX",
  status: 410,
  reason: "HTTP 500",
};

describe("signup problem codes", () => {
  const codes = Object.keys(english) as SignupProblemCode[];

  it("each code is a sentence in every language, with no placeholder left and the values in it", () => {
    for (const locale of LOCALES)
      for (const code of codes) {
        const text = problemText(signupProblem(code, VALUES), locale);
        expect(text.length, `${locale} ${code}`).toBeGreaterThan(5);
        expect(text, `${locale} ${code}`).not.toMatch(/[{}]/);
        for (const name of ["host", "platform", "other", "example", "reason"])
          if ((english[code] as string).includes(`{${name}}`))
            expect(text, `${locale} ${code} ${name}`).toContain(String(VALUES[name]));
        if (locale !== "en") expect(text, `${locale} ${code}`).not.toBe(problemText(signupProblem(code, VALUES)));
      }
  });

  it("maps codes to the German and Arabic words", () => {
    expect(problemText(signupProblem("urlPrivate"), "de")).toMatch(/private, lokale oder reservierte/);
    expect(problemText(signupProblem("urlTooLong", { max: 2000 }), "de")).toBe(
      "Verwenden Sie eine URL mit höchstens 2000 Zeichen.",
    );
    expect(problemText(signupProblem("phoneInternational"), "de")).toMatch(/internationalen Format/);
    expect(problemText(signupProblem("chatOtherPlatform", { other: "Slack", platform: "Discord" }), "de")).toBe(
      "Das ist eine Slack-URL: Wählen Sie oben Slack oder fügen Sie eine Discord-URL ein.",
    );
    expect(problemText(signupProblem("phonePremium"), "ar")).toMatch(/تعرفة مميزة/);
  });

  it("the validators' refusals are codes the namespace has, in English for the console", () => {
    for (const raw of ["0170 1234567", "72345", "+1 900 555 0100"]) {
      const r = parsePhoneNumber(raw);
      if (r.ok) throw new Error(`${raw} accepted`);
      expect(isSignupProblemCode(r.problem.code)).toBe(true);
      expect(r.error).toBe(problemText(r.problem, "en"));
      expect(problemText(r.problem, "de")).not.toBe(r.error);
    }
    const wrongHost = chatUrlCheck("teams", new URL("https://hooks.slack.com/services/T/B/X"), CHAT_PLATFORM_LABELS);
    expect(wrongHost).toEqual({ code: "chatOtherPlatform", values: { other: "Slack", platform: "Microsoft Teams" } });
  });

  it("turns a schema's code messages into problems, and anything else into 'invalid'", () => {
    const problems = problemsFromFieldErrors(
      { email: ["emailTooLong"], scope: ["Invalid option: expected one of"], url: undefined },
      { emailTooLong: { max: 254 } },
    );
    expect(problems).toEqual({
      email: [{ code: "emailTooLong", values: { max: 254 } }],
      scope: [{ code: "invalid" }],
    });
    expect(fieldErrorsIn(problems, "fr").email).toEqual(["Saisissez une adresse e-mail de 254 caractères au plus."]);
    expect(invalidField("url", signupProblem("urlEmpty"))).toEqual({
      status: "invalid",
      problems: { url: [{ code: "urlEmpty" }] },
      errors: { url: ["Enter the URL to send the webhook to."] },
    });
  });
});
