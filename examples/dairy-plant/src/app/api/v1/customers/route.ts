import { NextResponse, type NextRequest } from "next/server";
import { getCustomerByAccount, listCustomers } from "@/db/repositories/customers";
import { requireApiKey } from "@/lib/api/require-api-key";
import { notFound } from "@/lib/api/responses";

export const dynamic = "force-dynamic";

/** GET /api/v1/customers[?account=DUNNES-DC1] — delivery points for the haulier's route planner. */
export async function GET(request: NextRequest) {
  const auth = requireApiKey(request, "customers:read");
  if (!auth.ok) return auth.response;
  const account = request.nextUrl.searchParams.get("account");
  if (account) {
    const customer = await getCustomerByAccount(account);
    return customer ? NextResponse.json({ data: customer }) : notFound("customer");
  }
  return NextResponse.json({ data: await listCustomers(request.nextUrl.searchParams.get("channel") ?? undefined) });
}
