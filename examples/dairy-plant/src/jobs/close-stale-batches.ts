import { subHours } from "date-fns";
import { listStaleInProgress, setBatchStatus } from "@/db/repositories/batches";
import { jobLogger, runJob } from "./_lib/logger";

const log = jobLogger("close-stale-batches");

/**
 * Batches left "in progress" for more than 36 h are almost always a missed status change on
 * night shift. Put them on hold so QA must look at them before release.
 */
export function closeStaleBatches(maxAgeHours = 36) {
  return runJob("close-stale-batches", async () => {
    const stale = await listStaleInProgress(subHours(new Date(), maxAgeHours));
    for (const batch of stale) {
      await setBatchStatus(batch.id, "on_hold");
      log.warn("batch put on hold", { batch: batch.batchNumber, startedAt: batch.startedAt });
    }
    return { processed: stale.length };
  });
}
