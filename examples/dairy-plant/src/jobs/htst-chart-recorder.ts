import { parse } from "csv-parse/sync";
import { runExistsForChart, startRun } from "@/db/repositories/pasteurisation";
import { jobLogger, runJob } from "./_lib/logger";

const log = jobLogger("htst-chart-recorder");

type ChartRow = {
  chart_ref: string;
  unit: string;
  start: string;
  end: string;
  min_hold_temp_c: string;
  hold_time_s: string;
  flow_lph: string;
  diverts: string;
};

/**
 * The Yokogawa chart recorder on each HTST drops an hourly CSV summary on its web server.
 * Import any run we have not seen yet (keyed on chart reference).
 */
export function importHtstCharts() {
  return runJob("htst-chart-recorder", async () => {
    const res = await fetch(`${process.env.HTST_RECORDER_URL}/export/runs.csv`, { cache: "no-store" });
    if (!res.ok) throw new Error(`chart recorder responded ${res.status}`);
    const rows = parse(await res.text(), { columns: true, skip_empty_lines: true, trim: true }) as ChartRow[];

    let processed = 0;
    for (const row of rows) {
      if (await runExistsForChart(row.chart_ref)) continue;
      const holdingTempC = Number(row.min_hold_temp_c);
      const holdingTimeS = Number(row.hold_time_s);
      await startRun({
        unitCode: row.unit,
        chartRef: row.chart_ref,
        startedAt: new Date(row.start),
        endedAt: row.end ? new Date(row.end) : null,
        holdingTempC: holdingTempC.toFixed(1),
        holdingTimeS,
        flowRateLph: Number(row.flow_lph) || null,
        divertCount: Number(row.diverts) || 0,
        passed: row.end ? holdingTempC >= 72 && holdingTimeS >= 15 : null,
        operatorName: "chart-recorder",
      });
      if (holdingTempC < 72) log.warn("run below legal minimum", { chart: row.chart_ref, holdingTempC });
      processed++;
    }
    return { processed };
  });
}
