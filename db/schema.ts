// The whole data model, one file per area under db/schema/; every importer (and drizzle.config.ts) reads it here.
// Conventions: snake_case columns, camelCase fields, every timestamp an integer of epoch milliseconds,
// public ids are 12-character lowercase base-36 strings (core/ids.ts). Each area file holds its tables, then
// their relations, then their inferred types.
export * from "./schema/page";
export * from "./schema/components";
export * from "./schema/incidents";
export * from "./schema/maintenance";
export * from "./schema/subscribers";
export * from "./schema/outbox";
export * from "./schema/team";
export * from "./schema/viewers";
export * from "./schema/monitors";
export * from "./schema/automation";
export * from "./schema/integrations";
export * from "./schema/reports";
export * from "./schema/publish";
