// A real OpenID Provider (oidc-provider, certified by the OpenID Foundation) on 127.0.0.1 for tests, with its
// own keys, one confidential client and test users, and a helper that signs a user in through its built-in
// login and consent pages over HTTP (the dev login accepts any password), returning the callback URL.
import http from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";

export interface TestUser {
  email: string;
  verified: boolean;
  groups: string[];
}

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  close(): Promise<void>;
}

export async function startOidcProvider(input: {
  /** One callback, or several (the e2e server's viewer and console callbacks). */
  redirectUri: string | string[];
  users: Record<string, TestUser>;
  idTokenTtlSeconds?: number;
  /** A fixed port (the e2e run); any free one by default. Always on 127.0.0.1. */
  port?: number;
}): Promise<TestProvider> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(input.port ?? 0, "127.0.0.1", resolve));
  const redirectUris = Array.isArray(input.redirectUri) ? input.redirectUri : [input.redirectUri];
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = "status-page";
  const clientSecret = "a-long-test-client-secret-of-forty-characters";
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: redirectUris,
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
      {
        client_id: "other-app",
        client_secret: "another-long-test-client-secret-of-forty-chars",
        redirect_uris: redirectUris,
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    // Groups with the openid scope, as providers configured to send group claims in the ID token do.
    claims: { openid: ["sub", "groups"], email: ["email", "email_verified"] },
    scopes: ["openid", "email", "profile"],
    findAccount: async (_ctx: unknown, id: string) => {
      const user = input.users[id];
      if (!user) return undefined;
      return {
        accountId: id,
        claims: async () => ({ sub: id, email: user.email, email_verified: user.verified, groups: user.groups }),
      };
    },
    pkce: { required: () => true },
    ttl: { IdToken: input.idTokenTtlSeconds ?? 3600 },
    features: { devInteractions: { enabled: true } },
  });
  provider.proxy = false;
  server.on("request", provider.callback());
  return {
    issuer,
    clientId,
    clientSecret,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Follows the provider's pages as a browser would (cookies, redirects, its two forms) up to our callback. */
export async function signInAtProvider(authUrl: string, login: string, redirectUri: string): Promise<URL> {
  const jar = new Map<string, string>();
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const remember = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair.indexOf("=");
      jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
  };
  let url = new URL(authUrl);
  let body: URLSearchParams | undefined;
  for (let step = 0; step < 20; step++) {
    if (url.href.startsWith(redirectUri)) return url;
    const res = await fetch(url, {
      method: body ? "POST" : "GET",
      body,
      redirect: "manual",
      headers: { cookie: cookieHeader(), ...(body ? { "content-type": "application/x-www-form-urlencoded" } : {}) },
    });
    remember(res);
    body = undefined;
    const location = res.headers.get("location");
    if (location) {
      url = new URL(location, url);
      continue;
    }
    const html = await res.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    if (!action) throw new Error(`The provider answered ${res.status} without a form: ${html.slice(0, 300)}`);
    const prompt = /name="prompt" value="([^"]+)"/.exec(html)?.[1] ?? "login";
    body = new URLSearchParams(prompt === "login" ? { prompt, login, password: "any" } : { prompt });
    url = new URL(action, url);
  }
  throw new Error("Too many steps at the provider");
}
