import { subMinutes } from "date-fns";
import { z } from "zod";
import { applyLimsResults } from "@/lib/data/lab-samples";
import { limsResult } from "@/lib/validation/lab";
import { jobLogger, runJob } from "./_lib/logger";

const log = jobLogger("import-lims-results");
const page = z.object({ results: z.array(limsResult), next: z.string().nullable() });

/** Pull analysed results from the LabWare LIMS REST API and apply them to lab.milk_samples. */
export function importLimsResults(windowMinutes = 30) {
  return runJob("import-lims-results", async () => {
    const base = process.env.LIMS_BASE_URL;
    if (!base) throw new Error("LIMS_BASE_URL is not set");

    let url: string | null = `${base}/api/v2/results?analysed_after=${subMinutes(new Date(), windowMinutes).toISOString()}`;
    let processed = 0;
    while (url) {
      const res: Response = await fetch(url, {
        headers: { authorization: `Bearer ${process.env.LIMS_API_TOKEN}`, accept: "application/json" },
        cache: "no-store",
      });
      if (!res.ok) throw new Error(`LIMS responded ${res.status}`);
      const body = page.parse(await res.json());
      processed += await applyLimsResults(body.results);
      log.debug("page applied", { results: body.results.length });
      url = body.next;
    }
    return { processed };
  });
}
