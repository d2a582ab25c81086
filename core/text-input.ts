// The character rules every text input shares, whatever its entry point (console form, management API, public
// form). Control characters have no business in a name or a message: U+0000 and most of C0 cannot be carried
// by XML 1.0 at all (they made the Atom/RSS feeds and the badge unreadable), CR/LF in a one-line value is how
// header injection starts, and U+FFFE/U+FFFF and lone surrogates are not characters. So they are refused at
// the schema, with a message that says which character and where, instead of being stored and escaped later.
import { z } from "zod";

/** Single-line text: no C0 control at all (so no tab or newline either), no DEL. */
const SINGLE_LINE = /[\u0000-\u001f\u007f\ufffe\uffff]/;
/** Multi-line text: tab and newline are text; every other C0 control and DEL are not. */
const MULTI_LINE = /[\u0000-\u0008\u000b-\u001f\u007f\ufffe\uffff]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const codePoint = (char: string) => `U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`;
const NAMES: Record<string, string> = { "\t": "a tab", "\n": "a line break", "\r": "a line break" };

const badCharacter = (value: string, multiline: boolean) =>
  (multiline ? MULTI_LINE : SINGLE_LINE).exec(value) ?? LONE_SURROGATE.exec(value);

/** Where (1-based) the first character `value` may not hold is, or null when there is none. */
export function textCharacterPosition(value: string, multiline: boolean): number | null {
  const bad = badCharacter(value, multiline);
  return bad ? bad.index + 1 : null;
}

/** Why `value` is not acceptable text, or null when it is. */
export function textCharacterProblem(value: string, multiline: boolean): string | null {
  const bad = badCharacter(value, multiline);
  if (!bad) return null;
  const what = NAMES[bad[0]] ?? `the control character ${codePoint(bad[0])}`;
  const where = `at character ${bad.index + 1}`;
  return multiline || !NAMES[bad[0]]
    ? `Remove ${what} ${where}: it cannot be shown or sent.`
    : `Keep this on one line: remove ${what} ${where}.`;
}

/** CRLF (what browsers submit from a textarea) and lone CR become LF, so stored text has one newline. */
export const normalizeNewlines = (value: string) => value.replace(/\r\n?/g, "\n");

/** Adds the single-line rule to a string schema: `singleLine(z.string().trim().min(1))`. */
export function singleLine<T extends z.ZodType<string, string>>(schema: T): T {
  return schema.superRefine((value, ctx) => {
    const problem = textCharacterProblem(value, false);
    if (problem) ctx.addIssue({ code: "custom", message: problem, input: value });
  });
}

/** Normalises newlines, then adds the multi-line rule (tab and newline allowed). */
export function multiLine<T extends z.ZodType<string, string>>(schema: T): T {
  return schema
    .overwrite((value) => normalizeNewlines(value as string) as z.output<T>)
    .superRefine((value, ctx) => {
      const problem = textCharacterProblem(value, true);
      if (problem) ctx.addIssue({ code: "custom", message: problem, input: value });
    });
}
