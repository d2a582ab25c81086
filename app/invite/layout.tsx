import type { Metadata } from "next";
import { CONSOLE_ICONS } from "@/services/console/favicon";

// Joining the team leads into the console: the same tab icon.
export const metadata: Metadata = { icons: CONSOLE_ICONS };

export default function InviteLayout({ children }: { children: React.ReactNode }) {
  return children;
}
