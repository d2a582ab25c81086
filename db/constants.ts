// Enums, the named subsets of them, and their labels: the one place a status list is written, one file per
// area under db/constants/. These files import nothing at all (lint-enforced; this index only re-exports them),
// so client components and the pure core can use them too. Import from "@/db/constants".
export * from "./constants/statuses";
export * from "./constants/access";
export * from "./constants/notifications";
export * from "./constants/detection";
export * from "./constants/reports";
export * from "./constants/limits";
