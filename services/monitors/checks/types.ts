// What every checker returns, and the helpers they share: one hard deadline and one wording of errors.
export interface CheckResult {
  /** The checker's verdict; the runner turns a slow "up" into "slow" by the monitor's threshold. */
  ok: boolean;
  /** Milliseconds until the answer (null when there was no answer to time). */
  responseMs: number | null;
  error: string | null;
  /** What the check saw: status code, certificate, DNS answer... shown by "Run now". */
  detail: Record<string, unknown>;
}

export interface CheckContext {
  timeoutMs: number;
}

export const up = (responseMs: number | null, detail: Record<string, unknown> = {}): CheckResult => ({
  ok: true,
  responseMs,
  error: null,
  detail,
});
export const down = (
  error: string,
  responseMs: number | null = null,
  detail: Record<string, unknown> = {},
): CheckResult => ({ ok: false, responseMs, error, detail });

export class CheckTimeout extends Error {
  constructor(readonly ms: number) {
    super(`Timed out after ${ms} ms`);
  }
}

/**
 * Runs `work` with a hard deadline: when it passes, `onTimeout` tears the connection down (so a target that
 * sends headers and then nothing cannot hold a check open) and the promise rejects with CheckTimeout.
 */
export function withDeadline<T>(ms: number, work: (abort: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort(new CheckTimeout(ms));
      reject(new CheckTimeout(ms));
    }, ms);
  });
  return Promise.race([work(controller.signal), deadline]).finally(() => clearTimeout(timer));
}

const TLS_MESSAGES: Record<string, string> = {
  CERT_HAS_EXPIRED: "TLS: the certificate has expired",
  CERT_NOT_YET_VALID: "TLS: the certificate is not valid yet",
  ERR_TLS_CERT_ALTNAME_INVALID: "TLS: the certificate is not valid for this host name",
  DEPTH_ZERO_SELF_SIGNED_CERT: "TLS: the certificate is self-signed",
  SELF_SIGNED_CERT_IN_CHAIN: "TLS: a self-signed certificate is in the chain",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "TLS: the certificate chain cannot be verified",
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: "TLS: the certificate's issuer is not trusted",
};

/** One sentence an admin can act on, for any network error a checker meets. */
export function describeError(err: unknown): string {
  if (err instanceof CheckTimeout) return err.message;
  const e = err as NodeJS.ErrnoException & { reason?: string };
  const code = e?.code ?? "";
  if (TLS_MESSAGES[code]) return TLS_MESSAGES[code]!;
  switch (code) {
    case "ECONNREFUSED":
      return "Connection refused";
    case "ECONNRESET":
      return "Connection reset by the target";
    case "ENOTFOUND":
    case "EAI_NONAME":
      return "DNS lookup failed: the host name was not found";
    case "EAI_AGAIN":
      return "DNS lookup failed: the resolver did not answer";
    case "EHOSTUNREACH":
      return "Host unreachable";
    case "ENETUNREACH":
      return "Network unreachable";
    case "ETIMEDOUT":
      return "Connection timed out";
    case "EPROTO":
      return `TLS handshake failed${e.message ? `: ${e.message.split("\n")[0]}` : ""}`;
  }
  return e instanceof Error ? e.message : String(err);
}
