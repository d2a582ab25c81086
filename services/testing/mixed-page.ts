// The leak tests' page (services/audience-leak*.test.ts): a mixed page with internal services, an internal
// group, internal incidents and maintenance, a public incident that also touched an internal service, and
// public subscribers in email, webhook and chat; and one run of every channel's notification jobs.
import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { componentGroups, components, pages } from "@/db/schema";
import { insertChatSubscriber } from "@/db/writes/chat";
import { insertEmailSubscriber } from "@/db/writes/subscribers";
import { insertWebhookSubscriber } from "@/db/writes/webhooks";
import { createIncident } from "@/services/incidents/incident-verbs";
import { scheduleMaintenance } from "@/services/incidents/maintenance-verbs";
import { runNotificationJobs } from "@/services/notifications/jobs";
import type { PostRequest } from "@/services/webhooks/send";
import { HOUR } from "@/core/time";
import { addComponent, addGroup, addMember, emptyPage, T0 } from "./scenario";

export const BASE = "https://status.example.org";
/** Every one of these is internal; none may appear in a public artefact. */
export const SECRETS = ["Payroll", "HR systems", "Badge readers", "Payslips late", "SECRET-BODY", "Door firmware"];

export function mixedPage() {
  const { db, pageId } = emptyPage();
  const editor = addMember(db, "editor");
  const email = addComponent(db, pageId, "Email");
  const vpn = addComponent(db, pageId, "VPN");
  const payroll = addComponent(db, pageId, "Payroll");
  const hr = addGroup(db, pageId, "HR systems");
  const badges = addComponent(db, pageId, "Badge readers", { groupId: hr });
  db.update(components).set({ visibility: "internal" }).where(eq(components.id, payroll)).run();
  db.update(componentGroups).set({ visibility: "internal" }).where(eq(componentGroups.id, hr)).run();
  // Staff reach the internal page from the office network (with no way in, nobody is internal: stillInternal).
  db.update(pages).set({ visibility: "mixed", viewerIpAllowlist: "10.0.0.0/8" }).run();
  insertEmailSubscriber(db, { pageId, email: "all@example.com", at: T0, state: "active" });
  insertWebhookSubscriber(db, {
    pageId,
    url: "https://hooks.example.com/all",
    secret: "whsec_all",
    email: null,
    componentIds: [],
    origin: "console",
    at: T0,
  });
  // A chat channel (its URL on loopback; the test's post function answers, nothing is opened).
  insertChatSubscriber(db, {
    id: "chatsub00001",
    pageId,
    platform: "slack",
    url: "http://127.0.0.1:9/services/T000/B000/leak-test",
    email: null,
    componentIds: [],
    origin: "console",
    at: T0,
  });
  const internalIncident = createIncident(
    db,
    editor,
    { name: "Payslips late", message: "SECRET-BODY", componentStatuses: { [payroll]: "major_outage" } },
    T0,
  ).id;
  const groupIncident = createIncident(
    db,
    editor,
    { name: "Door firmware", message: "SECRET-BODY", componentStatuses: { [badges]: "partial_outage" } },
    T0 + 1,
  ).id;
  const publicIncident = createIncident(
    db,
    editor,
    {
      name: "Sign-in slow",
      message: "Mail and the pay portal are slow",
      componentStatuses: { [email]: "degraded_performance", [payroll]: "degraded_performance" },
    },
    T0 + 2,
  ).id;
  const internalMaintenance = scheduleMaintenance(
    db,
    editor,
    {
      name: "Payroll upgrade",
      message: "SECRET-BODY",
      scheduledFor: T0 + 5 * HOUR,
      scheduledUntil: T0 + 6 * HOUR,
      componentIds: [payroll],
    },
    T0 + 3,
  ).id;
  return {
    db,
    pageId,
    ids: { email, vpn, payroll, hr, badges, internalIncident, groupIncident, publicIncident, internalMaintenance },
  };
}

/** Runs the notification jobs: emails stay in the local outbox; webhook and chat posts are answered here. */
export async function sendEverything(db: Db) {
  const requests: PostRequest[] = [];
  const post = async (r: PostRequest) => {
    requests.push(r);
    return { ok: true, statusCode: 204, error: null };
  };
  await runNotificationJobs(db, T0 + HOUR, {
    chat: { allowLoopback: true, random: () => 0.5, post },
    mailer: null,
    publicUrl: BASE,
    from: "Status <status@example.org>",
    webhooks: {
      allowLoopback: true,
      // hooks.example.com is never looked up: the guard gets a loopback answer, and post() answers for it.
      resolver: async () => [{ address: "127.0.0.1", family: 4 }],
      random: () => 0.5,
      post,
    },
  });
  return { requests };
}
