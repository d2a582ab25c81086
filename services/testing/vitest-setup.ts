// Loaded before every test file (vitest.config.mts `setupFiles`). Server Actions and route handlers read the
// request through next/headers and purge pages through next/cache, both of which only work inside Next's
// request scope: tests set "the request" in services/testing/next-headers-mock and ignore revalidation.
import { vi } from "vitest";

vi.mock("next/headers", () => import("@/services/testing/next-headers-mock"));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));
