import { afterEach, describe, expect, it } from "vitest";
import { resetConfigForTests } from "@/core/config";
import { getMailer, mailMode } from "./send";

const saved = process.env.RESEND_API_KEY;
afterEach(() => {
  if (saved === undefined) delete process.env.RESEND_API_KEY;
  else process.env.RESEND_API_KEY = saved;
  resetConfigForTests();
});

describe("mailMode", () => {
  it("is resend with a key and local without one, as the mailer is", () => {
    process.env.RESEND_API_KEY = "re_test_key";
    resetConfigForTests();
    expect(mailMode()).toBe("resend");
    expect(getMailer()).not.toBeNull();
    process.env.RESEND_API_KEY = " ";
    resetConfigForTests();
    expect(mailMode()).toBe("local");
    expect(getMailer()).toBeNull();
  });
});
