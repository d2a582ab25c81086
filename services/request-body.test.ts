// The shared body reader, and the route handlers that read bodies: a body past the limit is refused with 413
// after reading at most the limit (counted at the source stream), tokens and signature headers are checked
// before anything is read, and text is strict UTF-8.
import { afterAll, describe, expect, it } from "vitest";
import { POST as resendWebhook } from "@/app/api/webhooks/resend/route";
import { POST as unsubscribePost } from "@/app/unsubscribe/[token]/route";
import { closeDb } from "@/db";
import { useFreshAppDatabase } from "@/services/testing/app-env";
import { BodyError, readBodyBytes, readBodyForm, readBodyJson, readBodyText } from "./request-body";

const MB = 1024 * 1024;

/** A body of `total` bytes made on demand, counting how many bytes were pulled from it. */
function meteredBody(total: number, chunk = 64 * 1024) {
  const meter = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (meter.pulled >= total) return controller.close();
        const size = Math.min(chunk, total - meter.pulled);
        meter.pulled += size;
        controller.enqueue(new Uint8Array(size).fill(0x61));
      },
      cancel() {
        meter.cancelled = true;
      },
      // Nothing is pulled until someone reads.
    },
    { highWaterMark: 0 },
  );
  return { stream, meter };
}

function streamed(url: string, total: number, headers: Record<string, string> = {}) {
  const { stream, meter } = meteredBody(total);
  const request = new Request(url, { method: "POST", body: stream, headers, duplex: "half" } as RequestInit);
  return { request, meter };
}

async function bodyError(promise: Promise<unknown>): Promise<BodyError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(BodyError);
  return err as BodyError;
}

describe("readBodyBytes", () => {
  it("stops a 200 MB stream just past the limit with 413 and cancels the source", async () => {
    const { request, meter } = streamed("http://127.0.0.1/x", 200 * MB);
    const err = await bodyError(readBodyBytes(request, 256 * 1024));
    expect(err).toMatchObject({ status: 413, code: "payload_too_large" });
    expect(meter.pulled).toBeLessThan(512 * 1024);
    await new Promise((r) => setTimeout(r, 0));
    expect(meter.cancelled).toBe(true);
  });

  it("refuses a declared Content-Length over the limit before reading a byte", async () => {
    const { stream, meter } = meteredBody(10 * MB);
    const request = new Request("http://127.0.0.1/x", {
      method: "POST",
      body: stream,
      headers: { "content-length": String(10 * MB) },
      duplex: "half",
    } as RequestInit);
    expect((await bodyError(readBodyBytes(request, 1024))).status).toBe(413);
    expect(meter.pulled).toBe(0);
  });

  it("returns a body at the limit whole", async () => {
    const { request } = streamed("http://127.0.0.1/x", 1000);
    expect((await readBodyBytes(request, 1000)).byteLength).toBe(1000);
  });
});

describe("text, JSON and form bodies", () => {
  const post = (body: BodyInit, contentType: string) =>
    new Request("http://127.0.0.1/x", { method: "POST", body, headers: { "content-type": contentType } });

  it("refuses invalid UTF-8 with 400 instead of storing U+FFFD", async () => {
    const bad = new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]); // {"a":"<ff fe>"}
    expect(await bodyError(readBodyJson(post(bad, "application/json"), 1024))).toMatchObject({
      status: 400,
      code: "invalid_utf8",
    });
    expect((await bodyError(readBodyText(post(new Uint8Array([0xc3]), "text/plain"), 1024))).status).toBe(400);
  });

  it("refuses a charset other than UTF-8 with 415, accepts utf-8 in any spelling", async () => {
    for (const type of [
      "application/json; charset=latin1",
      "application/json;charset=ISO-8859-1",
      'application/json; charset="windows-1252"',
    ]) {
      expect(await bodyError(readBodyJson(post('{"a":"b"}', type), 1024))).toMatchObject({
        status: 415,
        code: "unsupported_media_type",
      });
    }
    for (const type of [
      "application/json",
      "application/json; charset=utf-8",
      'application/json; charset="UTF-8"',
      "Application/JSON;charset=utf8",
    ]) {
      expect(await readBodyJson(post('{"a":"é"}', type), 1024)).toEqual({ a: "é" });
    }
  });

  it("refuses a JSON body sent as another type (415) and malformed JSON (400)", async () => {
    expect((await bodyError(readBodyJson(post("{}", "text/plain"), 1024))).status).toBe(415);
    expect(await bodyError(readBodyJson(post("{nope", "application/json"), 1024))).toMatchObject({
      status: 400,
      code: "invalid_json",
    });
  });

  it("parses urlencoded and multipart forms within the limit", async () => {
    expect(
      (await readBodyForm(post("List-Unsubscribe=One-Click", "application/x-www-form-urlencoded"), 1024)).get(
        "List-Unsubscribe",
      ),
    ).toBe("One-Click");
    const multipart = new FormData();
    multipart.set("List-Unsubscribe", "One-Click");
    const request = new Request("http://127.0.0.1/x", { method: "POST", body: multipart });
    expect((await readBodyForm(request, 1024)).get("List-Unsubscribe")).toBe("One-Click");
    expect(
      (await bodyError(readBodyForm(post("a=" + "b".repeat(2000), "application/x-www-form-urlencoded"), 1024))).status,
    ).toBe(413);
  });
});

describe("route handlers read bodies through it", () => {
  afterAll(() => closeDb());
  const SECRET = "whsec_" + Buffer.from("webhook-test-secret-0123456789abcdef").toString("base64");

  it("/api/webhooks/resend: unsigned bodies are refused unread; signed-looking 200 MB bodies stop at 256 KB", async () => {
    useFreshAppDatabase({ RESEND_WEBHOOK_SECRET: SECRET });
    const unsigned = streamed("http://127.0.0.1:3999/api/webhooks/resend", 200 * MB, {
      "content-type": "application/json",
    });
    expect((await resendWebhook(unsigned.request)).status).toBe(401);
    expect(unsigned.meter.pulled).toBe(0);
    const svix = {
      "svix-id": "msg_1",
      "svix-timestamp": String(Math.floor(Date.now() / 1000)),
      "svix-signature": "v1,AAAA",
      "content-type": "application/json",
    };
    const huge = streamed("http://127.0.0.1:3999/api/webhooks/resend", 200 * MB, svix);
    const response = await resendWebhook(huge.request);
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: "The body must be at most 262144 bytes" });
    expect(huge.meter.pulled).toBeLessThan(512 * 1024);
  });

  it("/unsubscribe/<token>: an unknown token is answered 404 without reading the body", async () => {
    useFreshAppDatabase();
    const token = "abcdefghijkl." + "a".repeat(32);
    const { request, meter } = streamed(`http://127.0.0.1:3999/unsubscribe/${token}`, 200 * MB, {
      "content-type": "application/x-www-form-urlencoded",
    });
    const response = await unsubscribePost(request, { params: Promise.resolve({ token }) });
    expect(response.status).toBe(404);
    expect(meter.pulled).toBe(0);
  });
});
