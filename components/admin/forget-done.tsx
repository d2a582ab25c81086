"use client";

import { useEffect } from "react";

/**
 * Takes `done` (and its count) out of the address once the notice is on screen, so a reload, a bookmark or
 * a copied link does not announce the outcome again. Without JavaScript the parameter simply stays.
 */
export function ForgetDone() {
  useEffect(() => {
    const url = new URL(window.location.href);
    if (!url.searchParams.has("done")) return;
    url.searchParams.delete("done");
    url.searchParams.delete("n");
    window.history.replaceState(window.history.state, "", `${url.pathname}${url.search}${url.hash}`);
  }, []);
  return null;
}
