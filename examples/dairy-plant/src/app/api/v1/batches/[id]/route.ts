import { NextResponse, type NextRequest } from "next/server";
import { getBatchByNumber } from "@/db/repositories/batches";
import { requireApiKey } from "@/lib/api/require-api-key";
import { notFound } from "@/lib/api/responses";

export const dynamic = "force-dynamic";

/** GET /api/v1/batches/:batchNumber */
export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const auth = requireApiKey(request, "batches:read");
  if (!auth.ok) return auth.response;
  const { id } = await params;
  const batch = await getBatchByNumber(decodeURIComponent(id));
  return batch ? NextResponse.json({ data: batch }) : notFound("batch");
}
