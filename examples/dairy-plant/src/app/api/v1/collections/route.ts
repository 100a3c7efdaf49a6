import { type NextRequest } from "next/server";
import { z } from "zod";
import { listCollectionsPage } from "@/db/repositories/milk-collections";
import { requireApiKey } from "@/lib/api/require-api-key";
import { badRequest, page } from "@/lib/api/responses";

export const dynamic = "force-dynamic";

const query = z.object({
  since: z.coerce.date().optional(),
  cursor: z.coerce.date().optional(),
  supplier_code: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

/** GET /api/v1/collections — milk collections for payment runs (newest first, cursor-paginated). */
export async function GET(request: NextRequest) {
  const auth = requireApiKey(request, "collections:read");
  if (!auth.ok) return auth.response;

  const parsed = query.safeParse(Object.fromEntries(request.nextUrl.searchParams));
  if (!parsed.success) return badRequest(parsed.error);

  const rows = await listCollectionsPage({
    since: parsed.data.since,
    before: parsed.data.cursor,
    supplierCode: parsed.data.supplier_code,
    limit: parsed.data.limit,
  });
  return page(rows, parsed.data.limit, (r) => r.collectedAt);
}
