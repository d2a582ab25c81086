// Points this process's configuration and database at a fresh file, for tests that call route handlers.
import { closeDb, getDb } from "@/db";
import { resetConfigForTests } from "@/core/config";
import { makeWorld, tempDbFile, type World } from "./notification-fixtures";

export function useFreshAppDatabase(env: Record<string, string> = {}): World {
  closeDb();
  const file = tempDbFile("app");
  process.env.DATABASE_PATH = file;
  process.env.PUBLIC_URL = "http://127.0.0.1:3999";
  Object.assign(process.env, env);
  resetConfigForTests();
  const world = makeWorld(file);
  world.db.$client.close();
  return { ...world, db: getDb() };
}
