// Who may do and see what: team roles, API key roles, audit actors, page and service visibility, viewers.
// Imports nothing at all (lint-enforced): client components and the pure core read it too.

export const USER_ROLES = ["owner", "admin", "editor"] as const;
export type UserRole = (typeof USER_ROLES)[number];
export const USER_ROLE_LABELS: Record<UserRole, string> = { owner: "Owner", admin: "Admin", editor: "Editor" };

export const API_KEY_ROLES = ["read", "editor", "admin"] as const;
export type ApiKeyRole = (typeof API_KEY_ROLES)[number];
export const API_KEY_ROLE_LABELS: Record<ApiKeyRole, string> = { read: "Read only", editor: "Editor", admin: "Admin" };
/** What each key role may do through /api/v1 (core/actor.ts has the rules). */
export const API_KEY_ROLE_HINT =
  "Read only: reads. Editor: also incidents, maintenance and updates. Admin: also services and groups.";

export const AUDIT_ACTOR_TYPES = ["user", "api_key", "system", "anonymous"] as const;
export type AuditActorType = (typeof AUDIT_ACTOR_TYPES)[number];

/** Who may see the page (issue #15): everyone, signed-in viewers only, or everyone with an internal part. */
export const PAGE_VISIBILITIES = ["public", "private", "mixed"] as const;
export type PageVisibility = (typeof PAGE_VISIBILITIES)[number];
export const PAGE_VISIBILITY_LABELS: Record<PageVisibility, string> = {
  public: "Public: everyone sees everything",
  private: "Private: only signed-in viewers",
  mixed: "Mixed: internal services only for signed-in viewers",
};
/** A service's or group's audience on a mixed page. */
export const ITEM_VISIBILITIES = ["public", "internal"] as const;
export type ItemVisibility = (typeof ITEM_VISIBILITIES)[number];
/** Who is looking: the public, or a viewer with the right to the internal page (staff). */
export const AUDIENCES = ["public", "internal"] as const;
export type Audience = (typeof AUDIENCES)[number];
/** How a viewer came to see the internal page. */
export const VIEWER_METHODS = ["email", "ip", "token", "oidc"] as const;
export type ViewerMethod = (typeof VIEWER_METHODS)[number];
export const VIEWER_LIMITS = {
  /** Allowed email domains and allow-list entries, each. */
  listEntries: 50,
  tokenName: 100,
} as const;
