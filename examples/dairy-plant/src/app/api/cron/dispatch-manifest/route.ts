import { parseISO } from "date-fns";
import { NextResponse, type NextRequest } from "next/server";
import { exportDispatchManifest } from "@/jobs/export-dispatch-manifest";
import { unauthorized, verifyCronSecret } from "@/lib/cron-auth";

export const dynamic = "force-dynamic";
export const maxDuration = 120;

/** Vercel Cron (04:00 Mon–Sat). `?date=2024-04-13` re-sends a past manifest. */
export async function GET(request: NextRequest) {
  if (!verifyCronSecret(request)) return unauthorized();
  const date = request.nextUrl.searchParams.get("date");
  const result = await exportDispatchManifest(date ? parseISO(date) : new Date());
  return NextResponse.json(result, { status: result.ok ? 200 : 502 });
}
