// What the console posts when a field is left empty on purpose. Client-safe (the form shows it as a hint).

/** The message of a resolving update when nothing was typed: resolving should not wait for wording. */
export const RESOLVED_DEFAULT_MESSAGE = "This incident has been resolved.";

/** The message to post: what was typed, or for a resolution left empty, the default. */
export function updateMessage(status: string, typed: string): string {
  return status === "resolved" && typed.trim() === "" ? RESOLVED_DEFAULT_MESSAGE : typed;
}
