import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { getFarmBySupplierCode, listFarms } from "@/db/repositories/farms";
import { requireApiKey } from "@/lib/api/require-api-key";
import { badRequest, notFound } from "@/lib/api/responses";

export const dynamic = "force-dynamic";

const query = z.object({
  supplier_code: z.string().optional(),
  region: z.string().optional(),
  include_inactive: z.enum(["true", "false"]).default("false"),
});

/**
 * GET /api/v1/farms — supplier register for the co-op milk-pricing system.
 * GET /api/v1/farms?supplier_code=F-10231 — a single farm.
 */
export async function GET(request: NextRequest) {
  const auth = requireApiKey(request, "farms:read");
  if (!auth.ok) return auth.response;

  const parsed = query.safeParse(Object.fromEntries(request.nextUrl.searchParams));
  if (!parsed.success) return badRequest(parsed.error);

  if (parsed.data.supplier_code) {
    const farm = await getFarmBySupplierCode(parsed.data.supplier_code);
    return farm ? NextResponse.json({ data: farm }) : notFound("farm");
  }
  const farms = await listFarms({
    region: parsed.data.region,
    includeInactive: parsed.data.include_inactive === "true",
  });
  return NextResponse.json({ data: farms });
}
