// TCP: the port accepts a connection. Closed at once; nothing is sent.
import net from "node:net";
import type { TcpConfig } from "../config";
import { describeError, down, up, withDeadline, type CheckContext, type CheckResult } from "./types";

export async function checkTcp(config: TcpConfig, ctx: CheckContext): Promise<CheckResult> {
  const started = performance.now();
  try {
    return await withDeadline(
      ctx.timeoutMs,
      (signal) =>
        new Promise<CheckResult>((resolve, reject) => {
          const socket = net.connect({ host: config.host, port: config.port, signal });
          socket.once("connect", () => {
            const ms = Math.round(performance.now() - started);
            socket.destroy();
            resolve(up(ms, { address: socket.remoteAddress ?? null }));
          });
          socket.once("error", (err) => reject(signal.aborted ? signal.reason : err));
        }),
    );
  } catch (err) {
    return down(describeError(err));
  }
}
