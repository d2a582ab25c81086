// The public pages fit a 320 px phone in every state the page can be in, light and dark, with and without
// JavaScript; and the phone and dark-mode details that used to go wrong stay right.
import path from "node:path";
import type { Browser, Page } from "@playwright/test";
import type { ComponentStatus } from "@/db/constants";
import { MINUTE, HOUR, DAY } from "@/core/time";
import { ARTIFACTS } from "./fixtures";
import { expect, test } from "./layout-fixtures";

const STATUSES: ComponentStatus[] = [
  "operational",
  "degraded_performance",
  "partial_outage",
  "major_outage",
  "under_maintenance",
];

/** What sticks out past the right edge of the viewport, for the failure message. */
async function overflow(page: Page) {
  return page.evaluate(() => {
    const width = window.innerWidth;
    // Inside a box that scrolls itself (a code sample), overflowing is that box's business, not the page's.
    const inScroller = (el: Element) => {
      for (let p = el.parentElement; p; p = p.parentElement)
        if (/auto|scroll|hidden/.test(getComputedStyle(p).overflowX)) return true;
      return false;
    };
    const culprits = [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > width + 0.5 && !inScroller(el))
      .filter((el) => !el.parentElement || el.parentElement.getBoundingClientRect().right <= width + 0.5)
      .slice(0, 5)
      .map(
        (el) =>
          `<${el.tagName.toLowerCase()} class="${el.getAttribute("class") ?? ""}"> ${(el.textContent ?? "").trim().slice(0, 50)}`,
      );
    return { scrollWidth: document.documentElement.scrollWidth, width, culprits };
  });
}

async function expectFits(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBeLessThan(500);
  const o = await overflow(page);
  expect(
    o.scrollWidth,
    `${path} is ${o.scrollWidth} px wide at ${o.width} px: ${o.culprits.join(" | ")}`,
  ).toBeLessThanOrEqual(o.width);
}

async function phone(
  browser: Browser,
  baseURL: string,
  options: { colorScheme: "light" | "dark"; javaScriptEnabled: boolean; width?: number },
) {
  return browser.newContext({
    baseURL,
    viewport: { width: options.width ?? 320, height: 720 },
    colorScheme: options.colorScheme,
    javaScriptEnabled: options.javaScriptEnabled,
  });
}

test("no public page scrolls sideways at 320 px, in every status, light and dark, with and without JavaScript", async ({
  browser,
  baseURL,
  makeService,
  makeIncident,
  makeGroup,
  makeSubscriber,
  makePendingSignUp,
  makeWeeklyMaintenance,
  setStatus,
  unique,
  snapshot,
}) => {
  test.setTimeout(240_000);
  const now = Date.now();
  // Every group status and every service status, with long names and descriptions.
  for (const status of STATUSES)
    makeGroup(unique(`Campus network and Wi-Fi access (${status})`), [status, "operational"], {
      description: "Wired and wireless network in every building.",
    });
  const services = STATUSES.map((status) => {
    const id = makeService(unique(`Student information system ${status}`));
    if (status !== "operational") setStatus(id, status, now - 30 * MINUTE);
    return id;
  });
  // Every incident impact (none, minor, major, critical), open; one resolved; maintenance now, soon and weekly.
  const impacts: [string, ComponentStatus | undefined][] = [
    ["none", undefined],
    ["minor", "degraded_performance"],
    ["major", "partial_outage"],
    ["critical", "major_outage"],
  ];
  const incidentIds = impacts.map(([impact, set], i) =>
    makeIncident({
      name: unique(`Intermittent authentication failures on the VPN concentrators (${impact})`),
      componentIds: [services[i]],
      updates: [
        {
          status: "investigating",
          body: "We are investigating reports of https://vpn.example.org/very/long/path/that/does/not/break timeouts.",
          set,
        },
      ],
    }),
  );
  const resolved = makeIncident({
    name: unique("Resolved outage of the learning platform"),
    startedAt: now - 3 * HOUR,
    componentIds: [services[0]],
    updates: [
      { status: "investigating", body: "Looking into it.", set: "major_outage" },
      { status: "resolved", body: "Fixed.", set: "operational" },
    ],
  });
  const inProgress = makeIncident({
    name: unique("Core switch firmware upgrade in the data centre"),
    kind: "maintenance",
    startedAt: now - 10 * MINUTE,
    componentIds: [services[1]],
    maintenance: {
      scheduledFor: now - 10 * MINUTE,
      scheduledUntil: now + 50 * MINUTE,
      autoStart: false,
      autoComplete: false,
      remindBeforeMinutes: null,
      setComponentsUnderMaintenance: true,
    },
    updates: [{ status: "in_progress", body: "The upgrade has started.", set: "under_maintenance" }],
  });
  const upcoming = makeIncident({
    name: unique("Storage array replacement"),
    kind: "maintenance",
    startedAt: now + 2 * DAY,
    componentIds: [services[2]],
    maintenance: {
      scheduledFor: now + 2 * DAY,
      scheduledUntil: now + 2 * DAY + 2 * HOUR,
      autoStart: false,
      autoComplete: false,
      remindBeforeMinutes: null,
      setComponentsUnderMaintenance: true,
    },
    updates: [{ status: "scheduled", body: "Planned replacement of the storage array." }],
  });
  makeWeeklyMaintenance(unique("Weekly file server patching"), [services[3]]);
  const active = makeSubscriber({ componentIds: [services[0]] });
  const paused = makeSubscriber({ paused: true });
  const pending = makePendingSignUp();

  const paths = [
    "/",
    ...incidentIds.map((id) => `/incidents/${id}`),
    `/incidents/${resolved}`,
    `/incidents/${inProgress}`,
    `/incidents/${upcoming}`,
    "/history",
    `/history?component=${services[0]}`,
    "/subscribe",
    "/subscribe?via=webhook",
    `/manage/${active.manage}`,
    `/manage/${paused.manage}`,
    `/subscribe/confirm/${pending.confirm}`,
    `/unsubscribe/${active.unsubscribe}`,
    "/api",
    "/embed/widget",
    "/subscribe?via=chat",
  ];
  for (const colorScheme of ["light", "dark"] as const) {
    for (const javaScriptEnabled of [true, false]) {
      const context = await phone(browser, baseURL!, { colorScheme, javaScriptEnabled });
      const page = await context.newPage();
      for (const path of paths) await expectFits(page, path);
      if (javaScriptEnabled) {
        for (const [name, path] of [
          ["home", "/"],
          ["incident", paths[4]],
          ["manage", paths[12]],
          ["unsubscribe", paths[14]],
          ["subscribe", "/subscribe"],
        ]) {
          await page.goto(path);
          await snapshot(page, `layout-320-${colorScheme}-${name}`);
        }
      }
      await context.close();
    }
  }
});

test("each page status (one service in each status) fits 320 px", async ({
  browser,
  baseURL,
  makeService,
  setStatus,
  unique,
}) => {
  const id = makeService(unique("Library catalogue and interlibrary loan requests"));
  const context = await phone(browser, baseURL!, { colorScheme: "light", javaScriptEnabled: false });
  const page = await context.newPage();
  for (const status of STATUSES) {
    setStatus(id, status, Date.now());
    for (const path of ["/embed/widget", "/history", "/"]) await expectFits(page, path);
    // The status label is whole: not cut off at the edge, not clipped in its box.
    const label = page.locator(`[data-component="${id}"] [data-status-label]`);
    const box = (await label.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(320);
    expect(await label.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  }
  await context.close();
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 375, height: 740 } });
  test("descriptions use the width of the row and group names stay on one line", async ({
    page,
    makeGroup,
    unique,
    snapshot,
  }) => {
    const name = unique("Network");
    const { serviceIds } = makeGroup(name, ["degraded_performance"], {
      description: "Wired and wireless network in every building.",
    });
    await page.goto("/");
    const row = page.locator(`[data-component="${serviceIds[0]}"]`);
    const description = row.getByText(/^Sign-in for every staff/);
    const rowBox = (await row.boundingBox())!;
    const descriptionBox = (await description.boundingBox())!;
    // Before: the status label took the right half, leaving one to three words a line.
    expect(descriptionBox.width).toBeGreaterThan(rowBox.width * 0.75);
    const groupName = page.getByText(name, { exact: true });
    const lines = await groupName.evaluate((el) => el.getClientRects().length);
    expect(lines).toBe(1);
    await snapshot(page, "layout-375-group");
    await page
      .getByRole("region", { name: "Services" })
      .screenshot({ path: path.join(ARTIFACTS, "layout-375-services.png") });
  });

  test("times never break at the zone's hyphen", async ({ browser, baseURL, makeService, makeIncident, unique }) => {
    const serviceId = makeService(unique("Payroll"));
    const id = makeIncident({
      name: unique("Payroll exports delayed"),
      componentIds: [serviceId],
      updates: [{ status: "investigating", body: "Exports are late.", set: "degraded_performance" }],
    });
    // São Paulo reads as "GMT-3": the visitor's zone, which public/page.js writes into every <time>.
    const context = await browser.newContext({
      baseURL,
      viewport: { width: 320, height: 720 },
      timezoneId: "America/Sao_Paulo",
    });
    const page = await context.newPage();
    for (const path of ["/", `/incidents/${id}`, "/history"]) {
      await page.goto(path);
      await expect(page.locator("time[data-style]").first()).toContainText("GMT-3");
      const broken = await page
        .locator("time")
        .evaluateAll((els) => els.filter((el) => el.getClientRects().length > 1).map((el) => el.textContent));
      expect(broken, path).toEqual([]);
    }
    await context.close();
  });
});

test.describe("in dark mode", () => {
  test.use({ colorScheme: "dark" });
  test("incident and maintenance cards keep their coloured edge", async ({
    page,
    makeService,
    makeIncident,
    unique,
    snapshot,
  }) => {
    const serviceId = makeService(unique("Email relay"));
    const name = unique("Mail delayed");
    makeIncident({
      name,
      componentIds: [serviceId],
      updates: [{ status: "investigating", body: "Mail is slow.", set: "major_outage" }],
    });
    const maintenance = unique("Relay patching");
    const now = Date.now();
    makeIncident({
      name: maintenance,
      kind: "maintenance",
      startedAt: now - MINUTE,
      componentIds: [serviceId],
      maintenance: {
        scheduledFor: now - MINUTE,
        scheduledUntil: now + HOUR,
        autoStart: false,
        autoComplete: false,
        remindBeforeMinutes: null,
        setComponentsUnderMaintenance: false,
      },
      updates: [{ status: "in_progress", body: "Patching." }],
    });
    await page.goto("/");
    for (const [region, title] of [
      ["Active incidents", name],
      ["Maintenance in progress", maintenance],
    ]) {
      const card = page
        .getByRole("region", { name: region })
        .getByRole("article")
        .filter({ has: page.getByRole("link", { name: title }) });
      const colours = await card.evaluate((el) => {
        const s = getComputedStyle(el);
        return { left: s.borderLeftColor, top: s.borderTopColor, width: s.borderLeftWidth };
      });
      expect(colours.width).toBe("4px");
      expect(colours.left, title).not.toBe(colours.top);
    }
    await snapshot(page, "layout-1280-dark-cards");
  });
});
