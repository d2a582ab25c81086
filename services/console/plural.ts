// Counts in the console's sentences: "1 minute", "5 minutes". One helper, so no sentence says "1 minutes".

/** "1 minute", "2 minutes"; `plural` for words that do not just add an "s". */
export function countOf(n: number, singular: string, plural = `${singular}s`): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? singular : plural}`;
}
