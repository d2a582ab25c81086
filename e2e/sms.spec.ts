// SMS from the public page without JavaScript: the number gets a code first (read where it arrives, at the
// fake Twilio server), then a major incident in at most two segments with its link, and a signed STOP reply
// ends it while a forged one changes nothing.
import { eq } from "drizzle-orm";
import { SYSTEM } from "@/core/actor";
import { smsSegments } from "@/core/sms-segments";
import { components, subscribers } from "@/db/schema";
import { createIncident } from "@/services/incidents/incident-verbs";
import { twilioSignature } from "@/services/sms/twilio";
import type { RecordedSms } from "@/services/testing/fake-twilio";
import { expect, test } from "./notification-fixtures";

test.use({ javaScriptEnabled: false });

async function messagesTo(phone: string): Promise<RecordedSms[]> {
  const res = await fetch(`${process.env.E2E_FAKE_TWILIO_URL}/_test/messages`);
  return ((await res.json()) as { data: RecordedSms[] }).data.filter((m) => m.to === phone);
}

test("subscribe a number by SMS without JavaScript, confirm its code, get a major incident, STOP", async ({
  page,
  db,
  unique,
  snapshot,
  request,
  baseURL,
}) => {
  test.slow();
  const phone = `+4917${String(Date.now()).slice(-8)}`;
  await page.goto("/subscribe");
  await page.getByRole("link", { name: "SMS" }).click();
  await expect(page.getByRole("heading", { name: /updates by SMS/ })).toBeVisible();
  await page.getByLabel("Mobile number").fill("0170 1234567");
  await page.getByRole("button", { name: "Send me a code" }).click();
  await expect(page.getByText(/international format/).last()).toBeVisible();
  await page.getByLabel("Mobile number").fill(phone);
  await snapshot(page, "sms-subscribe-form");
  await page.getByRole("button", { name: "Send me a code" }).click();
  await expect(page.getByRole("heading", { name: "Enter the code we sent you" })).toBeVisible();

  let code = "";
  await expect
    .poll(async () => (code = (await messagesTo(phone)).at(-1)?.body.match(/code is (\d{6})/)?.[1] ?? ""), {
      timeout: 15_000,
    })
    .toMatch(/^\d{6}$/);
  await page.getByLabel("Code").fill(code);
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByRole("heading", { name: "Your number is confirmed" })).toBeVisible();
  await snapshot(page, "sms-confirmed");

  const service = db.select().from(components).get()!;
  const name = unique("Phones down");
  const { id } = createIncident(db, SYSTEM, {
    name,
    message: "Calls fail. ".repeat(60),
    componentStatuses: { [service.id]: "major_outage" },
  });
  let sms: RecordedSms | undefined;
  await expect
    .poll(async () => (sms = (await messagesTo(phone)).find((m) => m.body.includes(name))) !== undefined, {
      timeout: 15_000,
    })
    .toBe(true);
  expect(sms!.body.endsWith(`/i/${id}`)).toBe(true);
  expect(smsSegments(sms!.body).segments).toBeLessThanOrEqual(2);

  const url = `${baseURL}/api/sms/twilio`;
  const stop = { From: phone, To: "+15005550006", Body: "STOP", MessageSid: "SM" + "0".repeat(32) };
  const forged = await request.post(url, {
    form: stop,
    headers: { "X-Twilio-Signature": twilioSignature("not-the-token-000000000000", url, stop) },
  });
  expect(forged.status()).toBe(403);
  const state = () => db.select().from(subscribers).where(eq(subscribers.phone, phone)).get()!.state;
  expect(state()).toBe("active");
  const signed = await request.post(url, {
    form: stop,
    headers: { "X-Twilio-Signature": twilioSignature(process.env.E2E_TWILIO_AUTH_TOKEN!, url, stop) },
  });
  expect(signed.status()).toBe(200);
  expect(state()).toBe("unsubscribed");
});
