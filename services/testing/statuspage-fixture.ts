// A deterministic Statuspage page in the documented v1 shapes (statuspage-types.ts): groups, components, a
// year of incidents with every update, maintenances, templates and thousands of subscribers. The fake server
// (fake-statuspage.ts) serves it; tests change it in place to make a source "change".
import { POSTABLE_INCIDENT_STATUSES, POSTABLE_MAINTENANCE_STATUSES } from "@/db/constants";
import { DAY, HOUR, MINUTE } from "@/core/time";
import { affected, iso, record, spId, update } from "./statuspage-records";
import type {
  SpComponent,
  SpGroup,
  SpIncident,
  SpSubscriber,
  SpTemplate,
  SpUpdate,
  StatuspageData,
} from "./statuspage-types";

export type * from "./statuspage-types";
export { spId } from "./statuspage-records";

export interface FixtureOptions {
  pageId?: string;
  now?: number;
  incidents?: number;
  maintenances?: number;
  subscribers?: number;
}

export function makeStatuspageFixture(options: FixtureOptions = {}): StatuspageData {
  const pageId = options.pageId ?? "sp0page00001";
  const now = options.now ?? Date.now();
  const created = now - 400 * DAY;
  let seed = 42;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;

  const groupNames = [
    ["Communication", ["Mail", "Chat", "Video calls"]],
    ["Teaching", ["Learning platform", "Exam portal", "Library search"]],
    ["Infrastructure", ["Network", "VPN", "Wi-Fi", "Printing"]],
  ] as const;
  const loose = ["Website", "Single sign-on"];
  const groups: SpGroup[] = [];
  const components: SpComponent[] = [];
  const component = (name: string, groupId: string | null, position: number): SpComponent => {
    const n = components.length;
    const c: SpComponent = {
      id: spId("c", n + 1),
      page_id: pageId,
      group_id: groupId,
      created_at: iso(created + n * MINUTE),
      updated_at: iso(created + n * MINUTE),
      group: false,
      name,
      description: n % 2 === 0 ? `${name} for staff and students` : null,
      position,
      status: "operational",
      showcase: name !== "Printing",
      only_show_if_degraded: name === "Video calls",
      automation_email: `component+${n}@notifications.statuspage.io`,
      start_date: n % 3 === 0 ? iso(created + n * DAY).slice(0, 10) : null,
    };
    components.push(c);
    return c;
  };
  let top = 0;
  groupNames.forEach(([name, members], gi) => {
    const g: SpGroup = {
      id: spId("g", gi + 1),
      page_id: pageId,
      name,
      description: gi === 0 ? "Mail, chat and calls" : null,
      components: [],
      position: ++top,
      created_at: iso(created),
      updated_at: iso(created),
    };
    groups.push(g);
    members.forEach((m, i) => g.components.push(component(m, g.id, i + 1).id));
  });
  for (const name of loose) component(name, null, ++top);

  const impacts = ["minor", "major", "critical"] as const;
  const hurt = { minor: "degraded_performance", major: "partial_outage", critical: "major_outage" } as const;
  const incidents: SpIncident[] = [];
  const count = options.incidents ?? 200;
  for (let i = 0; i < count; i++) {
    const id = spId("i", i + 1);
    const start = now - 395 * DAY + Math.floor((i * 390 * DAY) / count) + Math.floor(rand() * 6 * HOUR);
    const impact = impacts[Math.floor(rand() * 3)];
    const target = components[Math.floor(rand() * components.length)];
    const open = i === count - 1;
    const steps: string[] = open ? POSTABLE_INCIDENT_STATUSES.slice(0, 2) : [...POSTABLE_INCIDENT_STATUSES];
    const updates: SpUpdate[] = steps.map((status, k) => {
      const at = iso(start + k * 20 * MINUTE);
      const first = k === 0;
      const last = k === steps.length - 1 && !open;
      const body = `${status === "resolved" ? "Resolved" : "Update"}: ${target.name} (${i + 1}.${k + 1})`;
      const changes = first
        ? affected(target, { from: "operational", to: hurt[impact] })
        : last
          ? affected(target, { from: hurt[impact], to: "operational" })
          : null;
      return update(spId(`u${k}`, i + 1), id, status, body, at, changes);
    });
    const end = start + (steps.length - 1) * 20 * MINUTE;
    if (open) target.status = hurt[impact];
    const postmortem = i % 25 === 0 && !open;
    incidents.push(
      record(
        {
          id,
          page_id: pageId,
          name: `${target.name} ${impact === "critical" ? "outage" : "problems"} #${i + 1}`,
          status: steps[steps.length - 1],
          impact,
          created_at: iso(start),
          updated_at: iso(end),
          started_at: iso(start),
          monitoring_at: open ? null : iso(start + 40 * MINUTE),
          resolved_at: open ? null : iso(end),
          scheduled_for: null,
          scheduled_until: null,
          scheduled_remind_prior: false,
          scheduled_auto_in_progress: false,
          scheduled_auto_completed: false,
          postmortem_body: postmortem ? `What happened to ${target.name}, and what we changed.` : null,
          postmortem_published_at: postmortem ? iso(end + DAY) : null,
        },
        updates,
        target,
      ),
    );
  }

  const maintenances: SpIncident[] = [];
  const mCount = options.maintenances ?? 10;
  for (let i = 0; i < mCount; i++) {
    const id = spId("m", i + 1);
    const future = i >= mCount - 2;
    const from = future ? now + (i - mCount + 3) * 7 * DAY : now - (mCount - i) * 30 * DAY;
    const until = from + 2 * HOUR;
    const target = components[(i * 5) % components.length];
    // Scheduled, in progress, completed (Statuspage's "verifying" step is optional).
    const steps: string[] = future
      ? POSTABLE_MAINTENANCE_STATUSES.slice(0, 1)
      : POSTABLE_MAINTENANCE_STATUSES.filter((s) => s !== "verifying");
    const times = [from - 3 * DAY, from, until];
    const updates: SpUpdate[] = steps.map((status, k) => {
      const body = `${target.name} maintenance: ${status.replace("_", " ")}`;
      const changes =
        status === "in_progress"
          ? affected(target, { from: "operational", to: "under_maintenance" })
          : status === "completed"
            ? affected(target, { from: "under_maintenance", to: "operational" })
            : null;
      return update(spId(`w${k}`, i + 1), id, status, body, iso(times[k]), changes);
    });
    maintenances.push(
      record(
        {
          id,
          page_id: pageId,
          name: `${target.name} upgrade ${i + 1}`,
          status: steps[steps.length - 1],
          impact: "maintenance",
          created_at: iso(times[0]),
          updated_at: iso(times[steps.length - 1]),
          started_at: iso(times[0]),
          monitoring_at: null,
          resolved_at: future ? null : iso(until),
          scheduled_for: iso(from),
          scheduled_until: iso(until),
          scheduled_remind_prior: true,
          scheduled_auto_in_progress: true,
          scheduled_auto_completed: true,
          postmortem_body: null,
          postmortem_published_at: null,
        },
        updates,
        target,
      ),
    );
  }

  const templates: SpTemplate[] = [
    ["Mail delays", "Mail is delayed", "Incoming mail is delayed; nothing is lost.", 0],
    ["Network outage", "Network outage", "The campus network is down.", 7],
    ["VPN problems", "VPN problems", "Some VPN connections fail.", 8],
  ].map(([name, title, body, c], i) => ({
    id: spId("t", i + 1),
    name: name as string,
    title: title as string,
    body: body as string,
    group_id: null,
    update_status: "investigating",
    should_tweet: false,
    should_send_notifications: true,
    components: [components[c as number]],
  }));

  const subscribers: SpSubscriber[] = [];
  const sCount = options.subscribers ?? 5000;
  for (let i = 0; i < sCount; i++) {
    const mode = i % 250 === 7 ? "webhook" : i % 500 === 11 ? "sms" : "email";
    subscribers.push({
      id: spId("s", i + 1),
      mode,
      email: mode === "sms" ? null : mode === "webhook" ? `owner${i}@example.com` : `person${i}@example.com`,
      endpoint: mode === "webhook" ? `https://hooks.example.com/status/${i}` : null,
      phone_number: mode === "sms" ? `+4930123${String(i).padStart(4, "0")}` : null,
      phone_country: mode === "sms" ? "DE" : null,
      skip_confirmation_notification: false,
      quarantined_at: null,
      purge_at: null,
      components: i % 10 === 3 ? [components[i % components.length].id] : [],
      created_at: iso(created + i * HOUR),
    });
  }

  return {
    page: {
      id: pageId,
      name: "Example University IT",
      subdomain: "example-it",
      domain: "status.example.edu",
      url: "https://it.example.edu",
      support_url: "https://it.example.edu/help",
      time_zone: "Europe/Berlin",
      page_description: null,
      headline: null,
      created_at: iso(created),
      updated_at: iso(now - DAY),
    },
    groups,
    components,
    incidents: incidents.reverse(),
    maintenances: maintenances.reverse(),
    templates,
    subscribers,
  };
}
