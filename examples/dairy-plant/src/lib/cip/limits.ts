/**
 * CIP verification limits for the plant's circuits (SOP-CIP-002 rev 7).
 * Kept free of I/O so they can be unit tested.
 */
export type CipMeasurements = {
  causticConcPct: number;
  causticTempC: number;
  acidConcPct: number;
  finalRinseConductivityMs: number;
};

export const CIP_LIMITS = {
  causticConcPct: { min: 1.5, max: 2.0 },
  causticTempC: { min: 75, max: 85 },
  acidConcPct: { min: 0.8, max: 1.2 },
  finalRinseConductivityMs: { max: 0.5 },
} as const;

export type CipVerdict = { pass: boolean; failures: string[] };

export function evaluateCycle(m: CipMeasurements): CipVerdict {
  const failures: string[] = [];
  const { causticConcPct, causticTempC, acidConcPct, finalRinseConductivityMs } = CIP_LIMITS;
  if (m.causticConcPct < causticConcPct.min || m.causticConcPct > causticConcPct.max) {
    failures.push(`caustic ${m.causticConcPct}% outside ${causticConcPct.min}-${causticConcPct.max}%`);
  }
  if (m.causticTempC < causticTempC.min || m.causticTempC > causticTempC.max) {
    failures.push(`caustic temperature ${m.causticTempC} °C outside ${causticTempC.min}-${causticTempC.max} °C`);
  }
  if (m.acidConcPct < acidConcPct.min || m.acidConcPct > acidConcPct.max) {
    failures.push(`acid ${m.acidConcPct}% outside ${acidConcPct.min}-${acidConcPct.max}%`);
  }
  if (m.finalRinseConductivityMs > finalRinseConductivityMs.max) {
    failures.push(`final rinse conductivity ${m.finalRinseConductivityMs} mS above ${finalRinseConductivityMs.max} mS`);
  }
  return { pass: failures.length === 0, failures };
}
