import { NextResponse, type NextRequest } from "next/server";
import { lastPassingCycleByCircuit, listCipCycles } from "@/db/repositories/cip-cycles";
import { requireApiKey } from "@/lib/api/require-api-key";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/cip-cycles — recent CIP cycles.
 * GET /api/v1/cip-cycles?view=last-clean — last verified clean per circuit (used by the scheduling agent
 * to refuse a fill into an uncleaned circuit).
 */
export async function GET(request: NextRequest) {
  const auth = requireApiKey(request, "cip:read");
  if (!auth.ok) return auth.response;
  if (request.nextUrl.searchParams.get("view") === "last-clean") {
    return NextResponse.json({ data: await lastPassingCycleByCircuit() });
  }
  const limit = Math.min(Number(request.nextUrl.searchParams.get("limit") ?? 50), 500);
  return NextResponse.json({ data: await listCipCycles(limit) });
}
