import { describe, expect, it } from "vitest";
import { claimNameProblem, mappedRole, parseRoleMapping, passwordSignInAllowed } from "./console-sso";

describe("the SSO role mapping", () => {
  it("parses value = role lines and picks the highest role the claim values earn", () => {
    const parsed = parseRoleMapping("status-editors = editor\r\n\n  it-admins=Admin \nit = owner");
    expect(parsed).toEqual({
      ok: true,
      mapping: [
        { value: "status-editors", role: "editor" },
        { value: "it-admins", role: "admin" },
        { value: "it", role: "owner" },
      ],
    });
    if (!parsed.ok) return;
    expect(mappedRole(parsed.mapping, ["status-editors", "it-admins"])).toBe("admin");
    expect(mappedRole(parsed.mapping, ["sales"])).toBeNull();
  });

  it("refuses bad lines, naming each", () => {
    expect(parseRoleMapping("staff\n= admin\nstaff = boss\na = editor\na = admin\nb\u0007 = editor")).toEqual({
      ok: false,
      errors: [
        'Line 1: write "group = role", e.g. "status-admins = admin".',
        'Line 2: the claim value before "=" is empty.',
        'Line 3: "boss" is not a role; use owner, admin or editor.',
        'Line 5: "a" is mapped twice.',
        "Line 6: Remove the control character U+0007 at character 2: it cannot be shown or sent.",
      ],
    });
    expect(parseRoleMapping(Array.from({ length: 51 }, (_, i) => `g${i} = editor`).join("\n"))).toEqual({
      ok: false,
      errors: ["At most 50 lines."],
    });
  });

  it("checks the claim name", () => {
    expect(claimNameProblem("groups")).toBeNull();
    expect(claimNameProblem("")).toMatch(/Enter the claim/);
    expect(claimNameProblem("my groups")).toMatch(/letters, digits/);
  });

  it("lets only the break-glass owner use a password once local passwords are off", () => {
    expect(passwordSignInAllowed({ localPasswordsOff: false, breakGlassUserId: null }, "u1")).toBe(true);
    expect(passwordSignInAllowed({ localPasswordsOff: true, breakGlassUserId: "u1" }, "u1")).toBe(true);
    expect(passwordSignInAllowed({ localPasswordsOff: true, breakGlassUserId: "u1" }, "u2")).toBe(false);
  });
});
