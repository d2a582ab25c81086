import { describe, expect, it } from "vitest";
import { SYSTEM, can, statusChangeBy, type Actor, type Capability } from "./actor";

const member = (role: "owner" | "admin" | "editor"): Actor => ({
  type: "user",
  userId: `u-${role}`,
  label: `${role}@example.org`,
  role,
});
const key = (role: "read" | "editor" | "admin"): Actor => ({
  type: "api_key",
  apiKeyId: `k-${role}`,
  label: `API key "${role}"`,
  role,
});

const ALL: Capability[] = [
  "incidents.write",
  "incidents.delete_update",
  "services.write",
  "settings.write",
  "team.manage",
  "team.require_two_factor",
  "api_keys.manage",
];
const allowed = (actor: Actor) => ALL.filter((c) => can(actor, c));

describe("who can do what", () => {
  it("gives owners everything, admins all but owner matters, editors incidents only", () => {
    expect(allowed(member("owner"))).toEqual(ALL);
    expect(allowed(member("admin"))).toEqual([
      "incidents.write",
      "incidents.delete_update",
      "services.write",
      "settings.write",
      "team.manage",
    ]);
    expect(allowed(member("editor"))).toEqual(["incidents.write"]);
  });

  it("lets keys read, post incidents (editor) or also change services (admin), never people, settings or keys", () => {
    expect(allowed(key("read"))).toEqual([]);
    expect(allowed(key("editor"))).toEqual(["incidents.write"]);
    expect(allowed(key("admin"))).toEqual(["incidents.write", "incidents.delete_update", "services.write"]);
    expect(allowed(SYSTEM)).toEqual(ALL);
  });

  it("records a direct status change as manual, api or automation with the actor's id", () => {
    expect(statusChangeBy(member("admin"))).toEqual({ source: "manual", userId: "u-admin", apiKeyId: null });
    expect(statusChangeBy(key("admin"))).toEqual({ source: "api", userId: null, apiKeyId: "k-admin" });
    expect(statusChangeBy(SYSTEM)).toEqual({ source: "automation", userId: null, apiKeyId: null });
  });
});
