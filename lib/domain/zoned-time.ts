// Wall-clock time in an IANA zone <-> UTC, with Intl only.

/** The zone's offset from UTC at `utcMs`, in ms (positive east of Greenwich). */
export function zoneOffset(utcMs: number, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    })
      .formatToParts(new Date(utcMs))
      .filter((p) => p.type !== "literal")
      .map((p) => [p.type, Number(p.value)]),
  );
  const asUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

/**
 * The UTC instant of a wall-clock time in a zone. A time skipped by a daylight-saving change moves forward by
 * the gap; a time that happens twice resolves to one of the two.
 */
export function zonedToUtc(year: number, month: number, day: number, hour: number, minute: number, timeZone: string): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const guess = wall - zoneOffset(wall, timeZone);
  // Near a change the offset at the guess can differ from the offset at the wall time read as UTC.
  return wall - zoneOffset(guess, timeZone);
}

/** The calendar date (y, m, d, weekday 0=Sunday) of an instant in a zone. */
export function zonedDate(utcMs: number, timeZone: string): { year: number; month: number; day: number; weekday: number } {
  const local = utcMs + zoneOffset(utcMs, timeZone);
  const d = new Date(local);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), weekday: d.getUTCDay() };
}
