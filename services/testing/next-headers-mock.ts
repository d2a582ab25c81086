// A stand-in for next/headers in unit tests: tests set the cookie and headers of "the request" here, then
// call Server Actions and route handlers directly. services/testing/vitest-setup.ts installs it for every test file:
//   vi.mock("next/headers", () => import("@/services/testing/next-headers-mock"));
export const fakeRequest = {
  cookies: new Map<string, string>(),
  headers: new Headers({ host: "status.test" }),
};

export function resetFakeRequest(): void {
  fakeRequest.cookies.clear();
  fakeRequest.headers = new Headers({ host: "status.test" });
}

export async function cookies() {
  return {
    get: (name: string) =>
      fakeRequest.cookies.has(name) ? { name, value: fakeRequest.cookies.get(name)! } : undefined,
    has: (name: string) => fakeRequest.cookies.has(name),
    set: (name: string, value: string) => void fakeRequest.cookies.set(name, value),
    delete: (name: string) => void fakeRequest.cookies.delete(name),
  };
}

export async function headers() {
  return fakeRequest.headers;
}
