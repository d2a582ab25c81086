// The one call every write that changes what visitors see makes: publicContentChanged().
// The public pages and API are served from a cache keyed by this version, so a visitor's request costs no
// database work until something changes. The version lives on globalThis because the server process loads
// this module more than once (the Next bundle and the server entry each have their own copy).
const state = globalThis as typeof globalThis & { __publicContentVersion?: number };

export function publicContentChanged(): void {
  state.__publicContentVersion = (state.__publicContentVersion ?? 0) + 1;
}

export function publicContentVersion(): number {
  return state.__publicContentVersion ?? 0;
}
