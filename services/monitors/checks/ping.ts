// Ping through the system's `ping` (iputils-ping): ICMP needs privileges Node does not have, the binary has
// them. The host is passed as one argument after "--" and the config refuses names starting with "-".
import { execFile } from "node:child_process";
import type { PingConfig } from "../config";
import { down, up, type CheckContext, type CheckResult } from "./types";

const PING = "/usr/bin/ping";

/** RTT from iputils output: the summary line, or else the first reply. */
export function parsePingRtt(output: string): number | null {
  const summary = /rtt [^=]*= ([\d.]+)\/([\d.]+)\//.exec(output);
  if (summary) return Number(summary[2]);
  const reply = /time[=<]([\d.]+) ?ms/.exec(output);
  return reply ? Number(reply[1]) : null;
}

export function checkPing(config: PingConfig, ctx: CheckContext): Promise<CheckResult> {
  const waitSeconds = Math.max(1, Math.ceil(ctx.timeoutMs / 1000));
  const args = [
    "-n",
    "-c",
    String(config.count),
    "-W",
    String(waitSeconds),
    "-w",
    String(waitSeconds),
    "--",
    config.host,
  ];
  return new Promise((resolve) => {
    // `timeout` kills ping if it outlives the deadline (its own -w is a second granularity).
    execFile(
      PING,
      args,
      { timeout: ctx.timeoutMs + 500, killSignal: "SIGKILL", maxBuffer: 64 * 1024 },
      (err, stdout, stderr) => {
        const rtt = parsePingRtt(stdout);
        const detail = { output: stdout.split("\n").slice(-3).join("\n").trim() };
        if (!err && rtt !== null) return resolve(up(Math.round(rtt), { ...detail, rttMs: rtt }));
        if ((err as NodeJS.ErrnoException | null)?.code === "ENOENT")
          return resolve(down(`${PING} is missing: install iputils-ping`));
        if (err && (err as { killed?: boolean }).killed) return resolve(down(`Timed out after ${ctx.timeoutMs} ms`));
        const reason =
          stderr.trim().split("\n")[0] ||
          (/100% packet loss/.test(stdout) ? "No reply (100% packet loss)" : "No reply");
        resolve(down(reason.replace(/^ping: /, "Ping: "), null, detail));
      },
    );
  });
}
