import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { listHolds } from "@/db/repositories/quality-holds";
import { requireApiKey } from "@/lib/api/require-api-key";
import { badRequest } from "@/lib/api/responses";

export const dynamic = "force-dynamic";

const query = z.object({ status: z.enum(["open", "released", "destroyed"]).optional() });

/** GET /api/v1/quality-holds — retailers' supplier portals poll open holds before accepting a delivery. */
export async function GET(request: NextRequest) {
  const auth = requireApiKey(request, "quality:read");
  if (!auth.ok) return auth.response;
  const parsed = query.safeParse(Object.fromEntries(request.nextUrl.searchParams));
  if (!parsed.success) return badRequest(parsed.error);
  return NextResponse.json({ data: await listHolds(parsed.data.status) });
}
