// The /api docs page documents the detection endpoints like the others: the heartbeat URL (methods, the
// failure report, the rate limit) and /metrics (with a read API key). Rendered for real on a real SQLite file.
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb } from "@/db";
import { HEARTBEAT_LIMIT } from "@/services/monitors/heartbeat";
import { useFreshAppDatabase } from "@/services/testing/app-env";
import ApiDocs from "./page";

afterAll(() => closeDb());

describe("the /api docs page", () => {
  useFreshAppDatabase();
  const html = renderToStaticMarkup(ApiDocs());

  it("documents the heartbeat endpoint: GET and POST, ?status=fail&msg=, the rate limit and the answers", () => {
    const section = html.slice(html.indexOf('id="heartbeat"'));
    expect(section).toContain("GET</code> or <code>POST /api/heartbeat/&lt;token&gt;");
    expect(section).toContain("?status=fail&amp;msg=");
    expect(section).toContain(`at most ${HEARTBEAT_LIMIT.perWindow} calls a minute`);
    expect(section).toContain("429");
    expect(section).toContain("curl -fsS http://127.0.0.1:3999/api/heartbeat/");
  });

  it("documents /metrics with a read API key", () => {
    const section = html.slice(html.indexOf('id="metrics"'));
    expect(section).toContain("GET /metrics");
    expect(section).toContain("read-only key is enough");
    expect(section).toContain("statuspage_service_status");
    expect(section).toContain("Authorization: Bearer");
  });

  it("documents what a service answer adds to the Statuspage shape: availability_target", () => {
    const section = html.slice(html.indexOf('id="v1"'), html.indexOf('id="webhooks"'));
    expect(section).toContain("<code>availabilityTarget</code>");
    expect(section).toContain("<code>availability_target</code>");
    expect(section).toContain("<code>show_response_time</code>");
  });
});
