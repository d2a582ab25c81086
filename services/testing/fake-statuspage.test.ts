// The fake Statuspage answers as the documented API does: key, paging, rate limit headers, dropped connections.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeStatuspage, type FakeStatuspage } from "./fake-statuspage";

let fake: FakeStatuspage;
beforeAll(async () => {
  fake = await startFakeStatuspage({ port: 3181, rateLimit: 5, windowMs: 400 });
});
afterAll(() => fake.close());

const get = (path: string, key = fake.apiKey) =>
  fetch(`${fake.apiUrl}/pages/${fake.pageId}${path}`, { headers: { authorization: `OAuth ${key}` } });
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("fake Statuspage", () => {
  it("serves the seeded page in pages of at most 100, with groups among the components", async () => {
    expect(fake.data.incidents).toHaveLength(200);
    expect(fake.data.subscribers).toHaveLength(5000);
    const first = await (await get("/subscribers?per_page=100&page=1")).json();
    expect(first).toHaveLength(100);
    expect(first[0]).toMatchObject({ id: expect.any(String), mode: "email", components: [] });
    await pause(450);
    const big = await (await get("/incidents?per_page=500")).json();
    expect(big).toHaveLength(100);
    expect(big[0].incident_updates.length).toBeGreaterThan(0);
    const components = await (await get("/components")).json();
    expect(components.filter((c: { group: boolean }) => c.group)).toHaveLength(3);
    const scheduled = await (await get("/incidents/scheduled")).json();
    expect(scheduled).toHaveLength(10);
  });

  it("refuses a wrong key (401) and a wrong page (404)", async () => {
    await pause(450);
    expect((await get("", "wrong")).status).toBe(401);
    const res = await fetch(`${fake.apiUrl}/pages/nosuchpage00`, {
      headers: { authorization: `OAuth ${fake.apiKey}` },
    });
    expect(res.status).toBe(404);
  });

  it("answers 429 with Retry-After and X-RateLimit headers past the limit, and on a storm", async () => {
    await pause(450);
    const answers = await Promise.all(Array.from({ length: 7 }, () => get("")));
    const refused = answers.filter((r) => r.status === 429);
    expect(refused).toHaveLength(2);
    expect(refused[0].headers.get("retry-after")).toBe("1");
    expect(refused[0].headers.get("x-ratelimit-limit")).toBe("5");
    expect(refused[0].headers.get("x-ratelimit-remaining")).toBe("0");
    await pause(450);
    fake.storm(2);
    expect((await get("")).status).toBe(429);
    expect((await get("")).status).toBe(429);
    expect((await get("")).status).toBe(200);
  });

  it("drops connections on demand", async () => {
    await pause(450);
    fake.dropNext(1);
    await expect(get("")).rejects.toThrow();
    expect((await get("")).status).toBe(200);
  });

  it("serves the public /api/v2 of the page", async () => {
    const summary = await (await fetch(`${fake.publicUrl}/api/v2/summary.json`)).json();
    expect(summary.page.name).toBe("Example University IT");
    expect(summary.components).toHaveLength(3 + 12);
    expect(summary.incidents).toHaveLength(1);
    const incidents = await (await fetch(`${fake.publicUrl}/api/v2/incidents.json`)).json();
    expect(incidents.incidents).toHaveLength(50);
  });
});
