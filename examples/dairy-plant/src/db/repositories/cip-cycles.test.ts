import { beforeEach, describe, expect, it, vi } from "vitest";

// Unit test with a fake Drizzle client: checks the verdict logic wired into completeCycle,
// not the database (that is what e2e is for).
const returning = vi.fn();
vi.mock("@/db", () => {
  const chain = {
    set: vi.fn(() => chain),
    where: vi.fn(() => chain),
    returning,
  };
  return { db: { update: vi.fn(() => chain) } };
});

import { completeCycle } from "./cip-cycles";

describe("completeCycle", () => {
  beforeEach(() => {
    returning.mockReset();
    returning.mockResolvedValue([{ id: "c1", circuit: "HTST-1", result: "pass" }]);
  });

  it("passes a cycle inside every limit", async () => {
    const { verdict } = await completeCycle("c1", {
      causticConcPct: 1.6,
      causticTempC: 80,
      acidConcPct: 0.9,
      finalRinseConductivityMs: 0.2,
    });
    expect(verdict).toEqual({ pass: true, failures: [] });
  });

  it("fails a cycle whose final rinse is still conductive", async () => {
    const { verdict } = await completeCycle("c1", {
      causticConcPct: 1.6,
      causticTempC: 80,
      acidConcPct: 0.9,
      finalRinseConductivityMs: 0.64,
    });
    expect(verdict.pass).toBe(false);
    expect(verdict.failures[0]).toMatch(/final rinse conductivity/);
  });

  it("returns null when the cycle does not exist", async () => {
    returning.mockResolvedValue([]);
    const { cycle } = await completeCycle("missing", {
      causticConcPct: 1.6,
      causticTempC: 80,
      acidConcPct: 0.9,
      finalRinseConductivityMs: 0.2,
    });
    expect(cycle).toBeNull();
  });
});
