import { z } from "zod";
import { upsertPlcCycles } from "@/db/repositories/cip-cycles";
import { evaluateCycle } from "@/lib/cip/limits";
import { runJob } from "./_lib/logger";

/** One completed cycle as exposed by the Wonderware historian's REST gateway. */
const plcCycle = z.object({
  CycleId: z.string(),
  Circuit: z.string(),
  Start: z.string(),
  End: z.string().nullable(),
  CausticPct: z.number().nullable(),
  CausticTempC: z.number().nullable(),
  AcidPct: z.number().nullable(),
  RinseCond_mS: z.number().nullable(),
  Operator: z.string().nullable(),
});

export function syncCipFromPlc() {
  return runJob("cip-plc-sync", async () => {
    const res = await fetch(`${process.env.HISTORIAN_URL}/cip/cycles?hours=6`, { cache: "no-store" });
    if (!res.ok) throw new Error(`historian responded ${res.status}`);
    const cycles = z.array(plcCycle).parse(await res.json());

    const rows = cycles.map((c) => {
      const complete = c.End && c.CausticPct !== null && c.CausticTempC !== null && c.AcidPct !== null && c.RinseCond_mS !== null;
      const verdict = complete
        ? evaluateCycle({
            causticConcPct: c.CausticPct!,
            causticTempC: c.CausticTempC!,
            acidConcPct: c.AcidPct!,
            finalRinseConductivityMs: c.RinseCond_mS!,
          })
        : null;
      return {
        plcCycleId: c.CycleId,
        circuit: c.Circuit,
        startedAt: new Date(c.Start),
        endedAt: c.End ? new Date(c.End) : null,
        causticConcPct: c.CausticPct?.toFixed(2),
        causticTempC: c.CausticTempC?.toFixed(1),
        acidConcPct: c.AcidPct?.toFixed(2),
        finalRinseConductivityMs: c.RinseCond_mS?.toFixed(3),
        result: verdict ? (verdict.pass ? ("pass" as const) : ("fail" as const)) : ("running" as const),
        operatorName: c.Operator,
      };
    });
    return { processed: await upsertPlcCycles(rows) };
  });
}
