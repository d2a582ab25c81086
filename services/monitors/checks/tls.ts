// TLS certificate: the chain is valid, the certificate is for the host name, and it is valid for at least
// `minDaysValid` more days. The handshake is made without verification so that every problem can be named
// (expired, wrong host, self-signed) from the certificate itself instead of one generic handshake error.
import net from "node:net";
import tls from "node:tls";
import { DAY } from "@/core/time";
import type { TlsConfig } from "../config";
import { describeError, down, up, withDeadline, type CheckContext, type CheckResult } from "./types";

interface Seen {
  cert: tls.PeerCertificate;
  authorizationError: string | null;
  ms: number;
}

export async function checkTls(config: TlsConfig, ctx: CheckContext, now = Date.now()): Promise<CheckResult> {
  const servername = config.servername ?? config.host;
  const started = performance.now();
  let seen: Seen;
  try {
    seen = await withDeadline(
      ctx.timeoutMs,
      (signal) =>
        new Promise<Seen>((resolve, reject) => {
          // SNI carries names only: an address is left out (Node warns on it), the identity check still uses it.
          const sni = net.isIP(servername) ? undefined : servername;
          const socket = tls.connect({
            host: config.host,
            port: config.port,
            servername: sni,
            rejectUnauthorized: false,
            ...(config.caPem ? { ca: [...tls.rootCertificates, config.caPem] } : {}),
          });
          signal.addEventListener("abort", () => socket.destroy());
          socket.once("secureConnect", () => {
            const cert = socket.getPeerCertificate();
            const authorizationError = socket.authorizationError ? String(socket.authorizationError) : null;
            socket.destroy();
            resolve({ cert, authorizationError, ms: Math.round(performance.now() - started) });
          });
          socket.once("error", (err) => reject(signal.aborted ? signal.reason : err));
        }),
    );
  } catch (err) {
    return down(describeError(err));
  }
  const { cert, authorizationError, ms } = seen;
  if (!cert || !cert.valid_to) return down("TLS: the server sent no certificate", ms);
  const validTo = Date.parse(cert.valid_to);
  const daysLeft = Math.floor((validTo - now) / DAY);
  const detail = {
    subject: cert.subject?.CN ?? null,
    issuer: cert.issuer?.CN ?? null,
    validTo: new Date(validTo).toISOString(),
    daysLeft,
    altNames: cert.subjectaltname ?? null,
  };
  if (validTo <= now) return down("TLS: the certificate has expired", ms, detail);
  if (Date.parse(cert.valid_from) > now) return down("TLS: the certificate is not valid yet", ms, detail);
  const hostProblem = tls.checkServerIdentity(servername, cert);
  if (hostProblem) return down(`TLS: the certificate is not valid for ${servername}`, ms, detail);
  if (authorizationError) return down(describeError({ code: authorizationError }), ms, detail);
  if (daysLeft < config.minDaysValid)
    return down(`TLS: the certificate expires in ${daysLeft} days (less than ${config.minDaysValid})`, ms, detail);
  return up(ms, detail);
}
