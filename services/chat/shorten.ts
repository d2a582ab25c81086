// Long updates are shortened with a link to the full text, never refused: the longest start of the Markdown
// whose converted form, with a "read more" link, still fits the platform's limit (found by galloping, then bisection). Cut at a word boundary; a cut through emphasis leaves its marker as plain text.
import { toChatMarkup, type Dialect } from "./markup";

export const MORE_TEXT = "Read the full update";

export function fitMarkup(
  source: string,
  dialect: Dialect,
  linkBase: string,
  moreUrl: string,
  fits: (markup: string) => boolean,
  /** The "read more" link's words, in the channel's language. */
  moreText = MORE_TEXT,
): { markup: string; shortened: boolean } {
  const full = toChatMarkup(source, dialect, linkBase);
  if (fits(full)) return { markup: full, shortened: false };
  const more = dialect.link(moreUrl, dialect.text(moreText));
  const cut = (n: number) => {
    const start = source.slice(0, n);
    const space = start.search(/\s\S*$/);
    const text = (space > n / 2 ? start.slice(0, space) : start).trimEnd();
    return `${toChatMarkup(`${text} …`, dialect, linkBase)}${dialect.blockBreak}${more}`;
  };
  // Galloping first, so the conversions cost about the limit's size, not the whole update's.
  let best = more;
  let low = 0;
  let probe = 512;
  while (probe < source.length) {
    const candidate = cut(probe);
    if (!fits(candidate)) break;
    best = candidate;
    low = probe;
    probe *= 2;
  }
  let high = Math.min(probe, source.length);
  while (low <= high) {
    const mid = Math.floor((low + high) / 2);
    const candidate = cut(mid);
    if (fits(candidate)) {
      best = candidate;
      low = mid + 1;
    } else high = mid - 1;
  }
  return { markup: best, shortened: true };
}

/** Plain text cut to `max` characters with an ellipsis. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}
