// What `npm start` prints: the build's output without its route table (a page of routes nobody starting a
// server needs; `npm run build` still shows it), and a box with how to sign in, printed last so it is the
// thing on screen once the server is up.

const ANSI = /\u001b\[[0-9;]*m/g;
const ROUTE_TABLE = /^\s*Route \((app|pages)\)/;

/**
 * A line filter for `next build` output: passes lines through until the route table starts, then drops the
 * rest (the table and its legend end the output of a successful build; a failed one never prints it).
 */
export function routeTableFilter(): (line: string) => boolean {
  let inTable = false;
  return (line) => {
    if (!inTable && ROUTE_TABLE.test(line.replace(ANSI, ""))) inTable = true;
    return !inTable;
  };
}

export interface SignInFacts {
  loginUrl: string;
  email: string | null;
  /** Shown only on the start that created the owner with a generated password. */
  generatedPassword?: string | null;
  /** The owner was created on this start from ADMIN_PASSWORD. */
  passwordFromEnv?: boolean;
}

/** The sign-in box: URL and login on every start, the password only on the start that made it. */
export function signInBox(facts: SignInFacts): string {
  const lines = [`Sign in to the console: ${facts.loginUrl}`];
  if (facts.email) lines.push(`Login:    ${facts.email}`);
  if (facts.generatedPassword) {
    lines.push(`Password: ${facts.generatedPassword}`);
    lines.push("This password is shown only now. Change it after signing in:");
    lines.push("Your account (/admin/account) > Change your password.");
  } else if (facts.passwordFromEnv) {
    lines.push("Password: the one in ADMIN_PASSWORD. Change it under Your account (/admin/account).");
  } else if (facts.email) {
    lines.push(`Forgot the password? "Forgot your password?" on the sign-in page, or`);
    lines.push(`npm run admin -- reset-password --email ${facts.email}`);
  } else {
    lines.push("No account yet: set ADMIN_EMAIL and ADMIN_PASSWORD, or start with an empty database.");
  }
  const width = Math.max(...lines.map((l) => l.length));
  const bar = "═".repeat(width + 2);
  return [`╔${bar}╗`, ...lines.map((l) => `║ ${l.padEnd(width)} ║`), `╚${bar}╝`].join("\n");
}
