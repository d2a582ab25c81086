// The console's own icon (a prompt), so its tabs are told apart from the public page's status-coloured one.
import type { Metadata } from "next";

export const CONSOLE_ICONS: Metadata["icons"] = { icon: [{ url: "/favicon-console.svg", type: "image/svg+xml" }] };
