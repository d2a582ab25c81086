// The column shapes every table shares: text ids, and timestamps as integers of epoch milliseconds.
import { integer, text } from "drizzle-orm/sqlite-core";

export const id = () => text("id").primaryKey();
export const ms = (name: string) => integer(name);
export const flag = (name: string) => integer(name, { mode: "boolean" });
export const createdAt = () => ms("created_at").notNull();
export const updatedAt = () => ms("updated_at").notNull();
