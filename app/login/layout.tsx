import type { Metadata } from "next";
import { CONSOLE_ICONS } from "@/services/console/favicon";

// Sign-in belongs to the console: the same tab icon.
export const metadata: Metadata = { icons: CONSOLE_ICONS };

export default function LoginLayout({ children }: { children: React.ReactNode }) {
  return children;
}
