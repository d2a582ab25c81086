// DNS rebinding and Settings -> Import's "from a public page": the host is resolved once, that answer is judged
// by the SSRF guard, and the reads connect to the very addresses judged. The resolver is a fake (no real DNS
// lookup); every address in play is loopback (127.0.0.1, where the fake Statuspage listens, or ::1, where
// nothing does), and the host is "localhost", which /etc/hosts maps to 127.0.0.1.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "@/db";
import { ensurePage } from "@/db/writes/page";
import { SYSTEM } from "@/core/actor";
import { startFakeStatuspage, type FakeStatuspage } from "@/services/testing/fake-statuspage";
import { tempDbFile } from "@/services/testing/notification-fixtures";
import type { ResolvedAddress, Resolver } from "@/services/webhooks/url-guard";
import { previewConsoleImport } from "./console";

let fake: FakeStatuspage;
let db: Db;
beforeEach(async () => {
  fake = await startFakeStatuspage({ port: 3372, incidents: 3, maintenances: 1, subscribers: 5 });
  db = openDatabase(tempDbFile("import-rebinding"));
  ensurePage(db, { name: "Our status", timeZone: "Etc/UTC", at: Date.now() });
});
afterEach(async () => {
  db.$client.close();
  await fake.close();
});

/** A resolver that answers `answers[n]` to its n-th question (the last one from then on), counting questions. */
function changingResolver(...answers: ResolvedAddress[][]) {
  const asked: string[] = [];
  const resolver: Resolver = async (host) => {
    asked.push(host);
    return answers[Math.min(asked.length, answers.length) - 1];
  };
  return { resolver, asked };
}
const V4: ResolvedAddress[] = [{ address: "127.0.0.1", family: 4 }];
const V6: ResolvedAddress[] = [{ address: "::1", family: 6 }];
const pageAt = () => `http://localhost:${new URL(fake.publicUrl).port}`;

describe("Settings -> Import from a public page: one lookup, pinned", () => {
  it("asks DNS once and reads from the address it judged, whatever a second answer would be", async () => {
    const { resolver, asked } = changingResolver(V4, V6);
    const result = await previewConsoleImport(db, SYSTEM, { fromUrl: pageAt() }, { resolver, allowLoopback: true });
    expect(result.ok, JSON.stringify(result)).toBe(true);
    expect(asked).toEqual(["localhost"]);
    expect(fake.requests().filter((r) => r.includes("/api/v2/"))).toHaveLength(3);
  });

  it("connects to the checked address, not to what the name resolves to by then", async () => {
    // The guard's one answer is ::1, where nothing listens; the system would say 127.0.0.1, where the page is.
    // A read that resolved the name again would succeed; a pinned one cannot reach the page.
    const { resolver } = changingResolver(V6, V4);
    const result = await previewConsoleImport(db, SYSTEM, { fromUrl: pageAt() }, { resolver, allowLoopback: true });
    expect(result).toMatchObject({ ok: false, field: "fromUrl" });
    expect(!result.ok && result.message).toContain("ECONNREFUSED");
    expect(fake.requests()).toEqual([]);
  });

  it("refuses a name whose one answer is private, before any request", async () => {
    const { resolver } = changingResolver([{ address: "10.0.0.8", family: 4 }], V4);
    const result = await previewConsoleImport(db, SYSTEM, { fromUrl: pageAt() }, { resolver, allowLoopback: true });
    expect(!result.ok && result.message).toContain("private, local or reserved network address");
    expect(fake.requests()).toEqual([]);
  });
});
