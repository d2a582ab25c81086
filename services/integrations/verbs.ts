// Integration verbs: create, change, new secret, delete. Owners and admins only ("services.write"), as for
// monitors: an integration speaks for services on the public page. The secret is returned once (with the
// intake URL that carries it); only its SHA-256 is stored.
import type { Db, Tx } from "@/db";
import { liveComponentIds } from "@/db/queries/lifecycle";
import { findIntegration, listIntegrations } from "@/db/queries/integrations";
import { getPage } from "@/db/queries/status-page";
import { findTemplate } from "@/db/queries/templates";
import { insertAuditEntry } from "@/db/writes/audit";
import { endClaimsOf } from "@/db/writes/claims";
import {
  deleteIntegrationRow,
  insertIntegration,
  replaceIntegrationSecret,
  updateIntegrationRow,
} from "@/db/writes/integrations";
import { hashToken, newSecretToken } from "@/services/auth/tokens";
import { assertCan, auditActor, type Actor } from "@/core/actor";
import { DomainError, invalid, notFound } from "@/core/errors";
import { parseInput } from "@/services/incidents/schemas";
import { reconcileComponentStatus } from "@/services/monitors/apply-claims";
import { integrationChanges, integrationInput } from "@/core/integration-settings";

/** The URL to paste into Alertmanager's webhook_configs.url or a Grafana contact point. */
export function intakeUrl(baseUrl: string, id: string, secret: string): string {
  return `${baseUrl.replace(/\/+$/, "")}/api/integrations/${id}/${secret}`;
}

function pageIdOf(tx: Tx): string {
  const page = getPage(tx);
  if (!page) throw new DomainError("conflict", "The page is not set up yet");
  return page.id;
}

function checkReferences(
  tx: Tx,
  pageId: string,
  s: { matchers?: { componentId: string }[]; templateId?: string | null },
): void {
  const ids = (s.matchers ?? []).map((m) => m.componentId);
  const live = liveComponentIds(tx, pageId, ids);
  const bad = ids.findIndex((id) => !live.has(id));
  if (bad >= 0) throw invalid("matchers", `Rule ${bad + 1}: unknown or deleted service`);
  if (s.templateId && !findTemplate(tx, pageId, s.templateId)) throw invalid("templateId", "Unknown template");
}

function nameTaken(tx: Tx, pageId: string, name: string, except?: string): boolean {
  return listIntegrations(tx, pageId).some((i) => i.id !== except && i.name.toLowerCase() === name.toLowerCase());
}

export function createIntegration(
  db: Db,
  actor: Actor,
  raw: unknown,
  now = Date.now(),
): { id: string; secret: string } {
  assertCan(actor, "services.write");
  return db.transaction(
    (tx) => {
      const pageId = pageIdOf(tx);
      const settings = parseInput(integrationInput, raw);
      checkReferences(tx, pageId, settings);
      if (nameTaken(tx, pageId, settings.name)) throw invalid("name", "Another integration has this name");
      const secret = newSecretToken();
      const id = insertIntegration(tx, { pageId, settings, secretHash: hashToken(secret), at: now });
      insertAuditEntry(tx, {
        at: now,
        ...auditActor(actor),
        action: "integration.create",
        targetType: "integration",
        targetId: id,
        detail: { name: settings.name, kind: settings.kind },
      });
      return { id, secret };
    },
    { behavior: "immediate" },
  );
}

export function updateIntegration(db: Db, actor: Actor, id: string, raw: unknown, now = Date.now()): void {
  assertCan(actor, "services.write");
  db.transaction(
    (tx) => {
      const before = findIntegration(tx, id);
      if (!before) throw notFound("Integration");
      if (raw && typeof raw === "object" && "kind" in raw && (raw as { kind: unknown }).kind !== before.kind)
        throw invalid("kind", "An integration's kind cannot change: create a new one");
      const { kind: _kind, ...rest } = (raw ?? {}) as Record<string, unknown>;
      void _kind;
      const changes = parseInput(integrationChanges, rest);
      const mode = changes.incidentMode ?? before.incidentMode;
      const templateId = changes.templateId === undefined ? before.templateId : changes.templateId;
      if (mode === "published" && !templateId)
        throw invalid("templateId", "Choose the template the incident is published from");
      checkReferences(tx, before.pageId, changes);
      if (changes.name && nameTaken(tx, before.pageId, changes.name, id))
        throw invalid("name", "Another integration has this name");
      updateIntegrationRow(tx, id, changes, now);
      insertAuditEntry(tx, {
        at: now,
        ...auditActor(actor),
        action: "integration.update",
        targetType: "integration",
        targetId: id,
        detail: { name: changes.name ?? before.name },
      });
    },
    { behavior: "immediate" },
  );
}

/** A new secret: the old intake URL stops working at once. */
export function rotateIntegrationSecret(db: Db, actor: Actor, id: string, now = Date.now()): string {
  assertCan(actor, "services.write");
  return db.transaction(
    (tx) => {
      const integration = findIntegration(tx, id);
      if (!integration) throw notFound("Integration");
      const secret = newSecretToken();
      replaceIntegrationSecret(tx, id, hashToken(secret), now);
      insertAuditEntry(tx, {
        at: now,
        ...auditActor(actor),
        action: "integration.rotate_secret",
        targetType: "integration",
        targetId: id,
        detail: { name: integration.name },
      });
      return secret;
    },
    { behavior: "immediate" },
  );
}

/** Deleting ends the integration's claims and lets its services' statuses follow. */
export function deleteIntegration(db: Db, actor: Actor, id: string, now = Date.now()): void {
  assertCan(actor, "services.write");
  db.transaction(
    (tx) => {
      const integration = findIntegration(tx, id);
      if (!integration) throw notFound("Integration");
      for (const componentId of endClaimsOf(tx, "integration", id, now))
        reconcileComponentStatus(tx, componentId, now, { source: "integration", sourceId: id });
      deleteIntegrationRow(tx, id);
      insertAuditEntry(tx, {
        at: now,
        ...auditActor(actor),
        action: "integration.delete",
        targetType: "integration",
        targetId: id,
        detail: { name: integration.name },
      });
    },
    { behavior: "immediate" },
  );
}
