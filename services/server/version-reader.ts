// The public content version as the page cache sees it (server.ts): read once per turn of the event loop, not
// per request and not on a timer. Every request handled in a turn was sent before that turn's poll returned,
// and the read comes after it, so a request sent after any commit (from this process or another) still sees
// it: "a change shows on the next request" holds exactly, and under load many requests share one read (a read
// costs a few microseconds: bench/version-check.ts).
import { watchPublicVersion, type PublicVersionWatcher } from "@/db/change-watcher";

export class PublicVersionReader {
  private watcher: PublicVersionWatcher | undefined;
  private readThisTurn = false;
  /** The last version read; -1 (matching no cache entry) until the first read succeeds. */
  last = -1;

  constructor(private readonly databasePath: string) {}

  current(): number {
    if (this.readThisTurn) return this.last;
    this.readThisTurn = true;
    setImmediate(() => {
      this.readThisTurn = false;
    });
    // Opened lazily: the database exists by now (start.ts prepared it), but a failure must not stop serving.
    // While it cannot be read, the last version read stays current: the cached pages keep being served.
    try {
      this.watcher ??= watchPublicVersion(this.databasePath);
      this.last = this.watcher.current();
    } catch (err) {
      if (this.watcher) console.error("Reading the public content version failed:", err);
      this.watcher?.close();
      this.watcher = undefined;
    }
    return this.last;
  }

  close(): void {
    this.watcher?.close();
    this.watcher = undefined;
  }
}
