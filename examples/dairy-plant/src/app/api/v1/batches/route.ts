import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { createBatch, listBatches } from "@/db/repositories/batches";
import { batchStatusEnum } from "@/db/schema";
import { requireApiKey } from "@/lib/api/require-api-key";
import { badRequest, serverError } from "@/lib/api/responses";
import { batchInput } from "@/lib/validation/processing";

export const dynamic = "force-dynamic";

const query = z.object({
  status: z
    .string()
    .transform((s) => s.split(","))
    .pipe(z.array(z.enum(batchStatusEnum.enumValues)))
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** GET /api/v1/batches — production batches for the ERP and the planning agent. */
export async function GET(request: NextRequest) {
  const auth = requireApiKey(request, "batches:read");
  if (!auth.ok) return auth.response;
  const parsed = query.safeParse(Object.fromEntries(request.nextUrl.searchParams));
  if (!parsed.success) return badRequest(parsed.error);
  const batches = await listBatches(parsed.data);
  return NextResponse.json({ data: batches });
}

/** POST /api/v1/batches — the ERP's MRP run creates planned batches. */
export async function POST(request: NextRequest) {
  const auth = requireApiKey(request, "batches:write");
  if (!auth.ok) return auth.response;
  const parsed = batchInput.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return badRequest(parsed.error);
  try {
    const batch = await createBatch(parsed.data);
    return NextResponse.json({ data: batch }, { status: 201 });
  } catch (err) {
    return serverError(err);
  }
}
