import { z } from "zod";
import type { Db } from "@/db";
import { findUserById } from "@/db/queries/users";
import { insertAuditEntry } from "@/db/writes/audit";
import { deleteUserSessions } from "@/db/writes/sessions";
import { updatePasswordHash } from "@/db/writes/users";
import { hashPassword, verifyPassword } from "@/services/password";

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;

/**
 * A form that sets a new password (accepting an invitation, a reset link): its other fields, plus the
 * password under the length rules and typed a second time to match.
 */
export function withNewPassword<T extends z.ZodRawShape>(fields: T) {
  return z
    .object({
      ...fields,
      password: z
        .string()
        .min(PASSWORD_MIN_LENGTH, { error: `Use at least ${PASSWORD_MIN_LENGTH} characters.` })
        .max(PASSWORD_MAX_LENGTH, { error: `Use at most ${PASSWORD_MAX_LENGTH} characters.` }),
      confirmPassword: z.string(),
    })
    .refine(
      (v) => {
        const typed = v as { password: string; confirmPassword: string };
        return typed.password === typed.confirmPassword;
      },
      { path: ["confirmPassword"], error: "The two passwords differ." },
    );
}

/** Changes a password after checking the current one, and ends every other session of that user. */
export async function changePassword(
  db: Db,
  input: {
    userId: string;
    currentPassword: string;
    newPassword: string;
    keepTokenHash: string;
    now: number;
    ip?: string | null;
  },
): Promise<{ ok: true; endedSessions: number } | { ok: false; field: "currentPassword"; message: string }> {
  const user = findUserById(db, input.userId);
  if (!user || !(await verifyPassword(input.currentPassword, user.passwordHash))) {
    return { ok: false, field: "currentPassword", message: "This is not your current password." };
  }
  const hash = await hashPassword(input.newPassword);
  return db.transaction((tx) => {
    updatePasswordHash(tx, user.id, hash, input.now);
    const endedSessions = deleteUserSessions(tx, user.id, input.keepTokenHash);
    insertAuditEntry(tx, {
      at: input.now,
      actorType: "user",
      actorId: user.id,
      actorLabel: user.email,
      action: "user.change_password",
      targetType: "user",
      targetId: user.id,
      detail: { endedSessions },
      ip: input.ip,
    });
    return { ok: true, endedSessions } as const;
  });
}
