// Lengths of the text people type in (names, messages, addresses), shared by forms and APIs.
// Imports nothing at all (lint-enforced): client components and the pure core read it too.

export const LIMITS = {
  name: 100,
  description: 1_000,
  message: 10_000,
  footer: 1_000,
  url: 2_048,
  email: 254,
} as const;
