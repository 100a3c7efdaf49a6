import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { listSamples } from "@/lib/data/lab-samples";
import { requireApiKey } from "@/lib/api/require-api-key";
import { badRequest } from "@/lib/api/responses";

export const dynamic = "force-dynamic";

const query = z.object({
  status: z.string().optional(),
  since: z.coerce.date().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** GET /api/v1/lab/samples — sample results for the milk-payment grading and the QA agent. */
export async function GET(request: NextRequest) {
  const auth = requireApiKey(request, "lab:read");
  if (!auth.ok) return auth.response;
  const parsed = query.safeParse(Object.fromEntries(request.nextUrl.searchParams));
  if (!parsed.success) return badRequest(parsed.error);
  const samples = await listSamples({
    status: parsed.data.status?.split(","),
    since: parsed.data.since,
    limit: parsed.data.limit,
  });
  return NextResponse.json({ data: samples });
}
