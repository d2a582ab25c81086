// Sign-in throttling against the running server, through the real sign-in form's Server Action posted the
// way a browser without JavaScript posts it. Each client has a source address of its own on loopback
// (127.0.0.2 to .4; every connection goes to 127.0.0.1), so the server sees distinct clients, each test's
// attacker starts with clean counters, and the other specs' address (127.0.0.1) is not charged.
import http from "node:http";
import { and, eq, inArray } from "drizzle-orm";
import { auditLog } from "@/db/schema";
import { expect, test } from "./fixtures";

const decode = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

/** The hidden fields React renders into the sign-in form for posting its Server Action without JavaScript. */
async function actionFields(baseURL: string): Promise<[string, string][]> {
  const html = await (await fetch(`${baseURL}/login`)).text();
  const form = /<form[^>]*>[\s\S]*?<\/form>/.exec(html)![0];
  return [...form.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?/g)].map((m) => [
    decode(m[1]),
    decode(m[2] ?? ""),
  ]);
}

interface Answer {
  status: number;
  signedIn: boolean;
  body: string;
}

/** Posts the sign-in form from `localAddress` to the server on 127.0.0.1. */
async function postSignIn(
  baseURL: string,
  hidden: [string, string][],
  email: string,
  password: string,
  localAddress: string,
): Promise<Answer> {
  const form = new FormData();
  for (const [name, value] of hidden) form.append(name, value);
  form.append("email", email);
  form.append("password", password);
  // Let the platform write the multipart body and its boundary.
  const encoded = new Request(`${baseURL}/login`, { method: "POST", body: form });
  const body = Buffer.from(await encoded.arrayBuffer());
  const url = new URL(`${baseURL}/login`);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port: url.port,
        path: "/login",
        method: "POST",
        localAddress,
        headers: {
          "content-type": encoded.headers.get("content-type")!,
          "content-length": body.length,
          origin: url.origin,
          accept: "text/html",
        },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c) => (text += c));
        res.on("end", () => {
          const cookies = res.headers["set-cookie"] ?? [];
          resolve({ status: res.statusCode!, signedIn: cookies.some((c) => c.startsWith("session=")), body: text });
        });
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

const OWNER_DESK = "127.0.0.2";
const BURST_CLIENT = "127.0.0.3";
const STRANGER = "127.0.0.4";
const CHECKED = ["auth.sign_in_failed", "auth.sign_in", "auth.password_accepted_two_factor_pending"];

test.describe("sign-in throttling on the running server", () => {
  test.describe.configure({ timeout: 180_000 });

  test("50 parallel sign-ins (49 wrong, 1 right) check at most 5 passwords", async ({ baseURL, createMember, db }) => {
    const member = createMember("editor");
    const hidden = await actionFields(baseURL!);
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        postSignIn(baseURL!, hidden, member.email, i === 25 ? member.password : `wrong guess ${i}`, BURST_CLIENT),
      ),
    );
    const checked = db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.actorLabel, member.email), inArray(auditLog.action, CHECKED)))
      .all();
    const throttled = answers.filter((a) => a.body.includes("Too many failed sign-ins"));
    expect(checked.length).toBeLessThanOrEqual(5);
    expect(throttled.length).toBeGreaterThanOrEqual(45);
    expect(throttled.length + checked.length).toBe(50);
  });

  test("a stranger failing from one address cannot stop the owner signing in from another", async ({
    baseURL,
    createMember,
  }) => {
    const member = createMember("editor");
    const hidden = await actionFields(baseURL!);
    for (let i = 0; i < 8; i++) await postSignIn(baseURL!, hidden, member.email, `stranger guess ${i}`, STRANGER);
    const strangerWithRightPassword = await postSignIn(baseURL!, hidden, member.email, member.password, STRANGER);
    expect(strangerWithRightPassword.signedIn).toBe(false);
    expect(strangerWithRightPassword.body).toContain("Too many failed sign-ins");
    const owner = await postSignIn(baseURL!, hidden, member.email, member.password, OWNER_DESK);
    expect(owner.signedIn).toBe(true);
  });
});
