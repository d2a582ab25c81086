// What a start does before serving: open and migrate the database, create the page on a fresh one, add the
// default incident templates once, seed the demo content the first time, and create the first owner
// (its generated password is returned for `npm start` to print once).
import type { Db } from "@/db";
import { getPage } from "@/db/queries/status-page";
import { seedDemo } from "@/db/seed";
import { ensureAppSecret, ensurePage } from "@/db/writes/page";
import { countUsers, insertUser } from "@/db/writes/users";
import { insertAuditEntry } from "@/db/writes/audit";
import type { Config } from "@/core/config";
import { ensureDefaultTemplates } from "./incidents/templates";
import { generatePassword, hashPassword } from "./password";

export interface BootstrapResult {
  freshDatabase: boolean;
  seeded: boolean;
  ownerCreated: { email: string; generatedPassword: string | null } | null;
}

export async function bootstrap(db: Db, config: Config, now = Date.now()): Promise<BootstrapResult> {
  const freshDatabase = db.transaction((tx) => {
    const created = ensurePage(tx, { name: config.pageName, timeZone: config.pageTimeZone, at: now });
    ensureAppSecret(tx, now);
    ensureDefaultTemplates(tx, getPage(tx)!.id, now);
    return created;
  });
  const seeded = freshDatabase && config.seedDemo ? seedDemo(db, { now }).seeded : false;
  const ownerCreated = await ensureOwner(db, config, now);
  return { freshDatabase, seeded, ownerCreated };
}

/** On a database with no users, creates the owner from ADMIN_EMAIL / ADMIN_PASSWORD or a generated password. */
export async function ensureOwner(
  db: Db,
  config: Pick<Config, "adminEmail" | "adminPassword">,
  now = Date.now(),
): Promise<BootstrapResult["ownerCreated"]> {
  if (countUsers(db) > 0) return null;
  const email = config.adminEmail ?? "admin@example.com";
  const generatedPassword = config.adminPassword ? null : generatePassword();
  const passwordHash = await hashPassword(config.adminPassword ?? generatedPassword!);
  const created = db.transaction((tx) => {
    // Checked again inside the transaction: two processes starting at once create one owner.
    if (countUsers(tx) > 0) return false;
    const id = insertUser(tx, { email, name: "Owner", passwordHash, role: "owner", at: now });
    insertAuditEntry(tx, {
      at: now,
      actorType: "system",
      actorLabel: "system",
      action: "user.create_first_owner",
      targetType: "user",
      targetId: id,
      detail: { email, passwordFrom: generatedPassword ? "generated" : "ADMIN_PASSWORD" },
    });
    return true;
  });
  return created ? { email, generatedPassword } : null;
}
