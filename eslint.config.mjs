import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import { layerRules } from "./scripts/lint-layers.mjs";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Playwright fixtures receive a `use` callback that the React hooks rule mistakes for React's `use`.
    files: ["e2e/**/*.ts"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  {
    // Tests read parsed JSON whose shape they are checking.
    files: ["**/*.test.ts", "e2e/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  // What may import what (ARCHITECTURE.md); scripts/lint-layers.test.ts proves each rule bites.
  ...layerRules,
  {
    ignores: [
      ".next/**",
      "node_modules/**",
      "data/**",
      ".e2e/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
      "db/migrations/**",
    ],
  },
  // scripts/compile.mjs's output.
  { ignores: ["dist/**", "dist.*/**"] },
];

export default config;
