import { NextResponse, type NextRequest } from "next/server";
import { siloInventory } from "@/db/repositories/silo-tanks";
import { requireApiKey } from "@/lib/api/require-api-key";

export const dynamic = "force-dynamic";

// Silo inventory for the milk-balance agent. Cold-room telemetry (cold_room_temperature_logs) is
// deliberately not published over v1 yet: the customer-audit export needs sign-off first.

/** GET /api/v1/silos */
export async function GET(request: NextRequest) {
  const auth = requireApiKey(request, "silos:read");
  if (!auth.ok) return auth.response;
  const rows = await siloInventory();
  return NextResponse.json({
    data: rows,
    totals: {
      raw_milk_l: rows.filter((r) => r.contents === "raw_milk").reduce((sum, r) => sum + r.current_volume_l, 0),
    },
  });
}
