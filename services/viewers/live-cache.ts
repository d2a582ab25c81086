// The in-process cache of live viewer sessions and tokens: the internal page (server.ts's AudienceGate) asks
// for the viewer on every request, and a hit here costs no query (bench/README.md, the internal row).
//   - Keyed by the SHA-256 of the cookie or token, never the secret itself; only rows found live are kept, so
//     a wrong cookie costs its one indexed read every time and never takes a place.
//   - Bounded (least recently used goes first) and short-lived (VIEWER_CACHE_LIMITS.ttlMs): a sign-out or
//     revocation in another process (a second server on the same database) is seen within the TTL. In this
//     process it deletes the entry at once (sessions.ts, tokens.ts).
//   - A cached row is the row: the idle and absolute limits are checked against it exactly, never the TTL.
// On globalThis because the server entry and the Next bundle each load their own copy of this module, and a
// sign-out handled by Next must reach the entry the gate reads.
import type { ViewerMethod } from "@/db/constants";
import { VIEWER_CACHE_LIMITS } from "./policy";

export class LiveCache<V> {
  private readonly entries = new Map<string, { at: number; value: V }>();

  constructor(
    private readonly max: number,
    private readonly ttlMs: number,
  ) {}

  get(key: string, now: number): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    // A clock that went back is as stale as one that went too far forward.
    if (now < entry.at || now - entry.at >= this.ttlMs) return undefined;
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: string, value: V, now: number): void {
    this.entries.delete(key);
    this.entries.set(key, { at: now, value });
    // A Map iterates in insertion order, and get() re-inserts: the first key is the least recently used.
    while (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  deleteWhere(matches: (value: V) => boolean): void {
    for (const [key, entry] of this.entries) if (matches(entry.value)) this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  keys(): string[] {
    return [...this.entries.keys()];
  }

  get size(): number {
    return this.entries.size;
  }
}

export interface CachedSession {
  email: string;
  method: ViewerMethod;
  expiresAt: number;
  lastSeenAt: number;
}

export interface CachedToken {
  id: string;
  name: string;
  lastUsedAt: number | null;
}

export interface ViewerCaches {
  sessions: LiveCache<CachedSession>;
  tokens: LiveCache<CachedToken>;
}

const holder = globalThis as typeof globalThis & { __statusViewerCaches?: ViewerCaches };

export function viewerCaches(): ViewerCaches {
  return (holder.__statusViewerCaches ??= {
    sessions: new LiveCache(VIEWER_CACHE_LIMITS.sessions, VIEWER_CACHE_LIMITS.ttlMs),
    tokens: new LiveCache(VIEWER_CACHE_LIMITS.tokens, VIEWER_CACHE_LIMITS.ttlMs),
  });
}
