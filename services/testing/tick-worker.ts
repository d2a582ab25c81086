// Test support: one automation tick in its own process, started at a shared moment, so tests can make two
// processes tick at once against the same database file. argv: <db file> <tick time ms> <start at epoch ms>
import { openDatabase } from "@/db";
import { runMaintenanceAutomation } from "@/services/jobs/maintenance-automation";

const [file, tickAt, startAt] = process.argv.slice(2);
const db = openDatabase(file);
while (Date.now() < Number(startAt)) {
  // Busy-wait to the shared start moment: a timer would be too coarse to make the two ticks overlap.
}
const result = runMaintenanceAutomation(db, Number(tickAt));
db.$client.close();
process.stdout.write(JSON.stringify(result));
