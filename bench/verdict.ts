// The targets of bench:page (issue #12) and the verdict on a measurement, so whoever runs the benchmark reads
// pass or fail per row instead of comparing figures by hand.
export const TARGETS = {
  /** Throughput of a target as a share of the ceiling's (a bare node:http server sending the same bytes). */
  minThroughputRatio: 0.75,
  /** Server CPU per request as a multiple of the ceiling's. */
  maxCpuRatio: 1.35,
  outageP99Ms: 50,
  outageVisibleMs: 1000,
  /** Page weight of `/` (brotli) at 300 services. */
  growthBrotliKb: 60,
} as const;

/** "pass", or "FAIL: " and every target missed. */
function verdict(misses: string[]): string {
  return misses.length ? `FAIL: ${misses.join("; ")}` : "pass";
}

const f = (n: number, digits: number) => n.toFixed(digits);

export function targetVerdict(row: {
  throughputRatio: number;
  cpuRatio: number;
  errors: number;
  queries?: number;
  /** Queries allowed per request (the internal page: its viewer session lookup); 0 by default. */
  queriesPerRequest?: { measured: number; allowed: number };
}): string {
  const misses: string[] = [];
  if (!(row.throughputRatio >= TARGETS.minThroughputRatio))
    misses.push(`throughput ${f(row.throughputRatio, 2)} < ${TARGETS.minThroughputRatio}`);
  if (!(row.cpuRatio <= TARGETS.maxCpuRatio)) misses.push(`CPU ${f(row.cpuRatio, 2)}x > ${TARGETS.maxCpuRatio}x`);
  if (row.errors !== 0) misses.push(`${row.errors} errors`);
  if (row.queriesPerRequest) {
    const { measured, allowed } = row.queriesPerRequest;
    if (!(measured <= allowed)) misses.push(`${f(measured, 2)} queries per request > ${allowed}`);
  } else if (row.queries !== 0)
    misses.push(row.queries === undefined ? "queries not measured" : `${row.queries} queries`);
  return verdict(misses);
}

export function outageVerdict(outage: { p99Ms: number; errors: number; visibleMs: number[] }): string {
  const misses: string[] = [];
  const maxVisible = Math.max(...outage.visibleMs);
  if (!(outage.p99Ms < TARGETS.outageP99Ms)) misses.push(`p99 ${f(outage.p99Ms, 1)} ms >= ${TARGETS.outageP99Ms} ms`);
  if (outage.errors !== 0) misses.push(`${outage.errors} errors`);
  if (outage.visibleMs.length === 0) misses.push("no commit measured");
  else if (!(maxVisible < TARGETS.outageVisibleMs))
    misses.push(`commit -> visible max ${f(maxVisible, 0)} ms >= ${TARGETS.outageVisibleMs} ms`);
  return verdict(misses);
}

export function growthVerdict(rows: { services: number; brotliKb: number }[]): string {
  const at300 = rows.filter((r) => r.services === 300);
  if (at300.length === 0) return "FAIL: no row at 300 services";
  const heaviest = Math.max(...at300.map((r) => r.brotliKb));
  return verdict(
    heaviest < TARGETS.growthBrotliKb
      ? []
      : [`/ at 300 services is ${f(heaviest, 1)} KB compressed >= ${TARGETS.growthBrotliKb} KB`],
  );
}
