/** Minimal structured logger for jobs; Vercel captures stdout as JSON lines. */
type Level = "debug" | "info" | "warn" | "error";

export function jobLogger(job: string) {
  const emit = (level: Level, message: string, extra: Record<string, unknown> = {}) =>
    console[level === "debug" ? "log" : level](JSON.stringify({ ts: new Date().toISOString(), job, level, message, ...extra }));
  return {
    debug: (m: string, e?: Record<string, unknown>) => emit("debug", m, e),
    info: (m: string, e?: Record<string, unknown>) => emit("info", m, e),
    warn: (m: string, e?: Record<string, unknown>) => emit("warn", m, e),
    error: (m: string, e?: Record<string, unknown>) => emit("error", m, e),
  };
}

export type JobResult = { job: string; ok: boolean; processed: number; durationMs: number; note?: string };

export async function runJob(job: string, fn: () => Promise<{ processed: number; note?: string }>): Promise<JobResult> {
  const started = Date.now();
  const log = jobLogger(job);
  try {
    const { processed, note } = await fn();
    log.info("done", { processed });
    return { job, ok: true, processed, note, durationMs: Date.now() - started };
  } catch (err) {
    log.error("failed", { error: err instanceof Error ? err.message : String(err) });
    return { job, ok: false, processed: 0, durationMs: Date.now() - started, note: String(err) };
  }
}
