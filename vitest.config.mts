import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // Next resolves `server-only` itself; outside Next it is an empty module.
      "server-only": path.resolve(import.meta.dirname, "services/testing/empty-module.ts"),
    },
  },
  test: {
    include: ["**/*.test.ts", "**/*.test.tsx"],
    exclude: ["node_modules/**", ".next/**", "e2e/**"],
    environment: "node",
    pool: "forks",
    // The next/headers and next/cache stand-ins every Server Action test needs, declared once.
    setupFiles: ["services/testing/vitest-setup.ts"],
  },
});
