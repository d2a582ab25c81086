// Runs the test OpenID Provider (oidc-provider, services/testing/oidc-provider.ts) on its own, on 127.0.0.1:
// Playwright's webServer starts it for the e2e run (e2e/sso.spec.ts signs in through it), or by hand:
//   npx tsx scripts/oidc-provider.ts <port> <app base URL>
// Its built-in login page accepts any password for these test users.
import { startOidcProvider } from "@/services/testing/oidc-provider";

const port = Number(process.argv[2] ?? 0);
const app = (process.argv[3] ?? "http://127.0.0.1:3100").replace(/\/+$/, "");

export const E2E_OIDC_USERS = {
  // A member of staff: sees the internal page.
  ann: { email: "ann@example.com", verified: true, groups: ["staff"] },
  // The status team's admins: the console maps this group to admin.
  carl: { email: "carl@example.com", verified: true, groups: ["staff", "status-admins"] },
  // In no mapped group: waits for an owner's approval.
  dan: { email: "dan@example.com", verified: true, groups: ["staff", "sales"] },
};

startOidcProvider({
  port,
  redirectUri: [`${app}/sign-in/oidc/callback`, `${app}/login/sso/callback`],
  users: E2E_OIDC_USERS,
}).then((op) => {
  console.log(`test OpenID Provider at ${op.issuer} (client ${op.clientId})`);
  const stop = () => op.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
});
