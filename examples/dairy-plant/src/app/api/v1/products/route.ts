import { NextResponse, type NextRequest } from "next/server";
import { getProductBySku, listProducts } from "@/db/repositories/products";
import { requireApiKey } from "@/lib/api/require-api-key";
import { notFound } from "@/lib/api/responses";

export const dynamic = "force-dynamic";

/** GET /api/v1/products[?sku=GM-WM-2L] — catalogue for EDI partners. */
export async function GET(request: NextRequest) {
  const auth = requireApiKey(request, "products:read");
  if (!auth.ok) return auth.response;
  const sku = request.nextUrl.searchParams.get("sku");
  if (sku) {
    const product = await getProductBySku(sku.toUpperCase());
    return product ? NextResponse.json({ data: product }) : notFound("product");
  }
  return NextResponse.json({ data: await listProducts() });
}
