// The language of the public request being rendered, as proxy.ts decided it from the URL (services/i18n/
// locale-headers.ts). Pages call this once and pass the result down; components take it as props.
import { headers } from "next/headers";
import { publicLocaleFrom, type PublicLocale } from "./locale-headers";

export { publicLocaleFrom, type PublicLocale };

/** Outside a public route (the console, or no proxy run) this is English with unprefixed links. */
export async function publicLocale(): Promise<PublicLocale> {
  const h = await headers();
  return publicLocaleFrom((name) => h.get(name));
}
