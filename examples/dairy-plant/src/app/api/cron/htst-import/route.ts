import { NextResponse } from "next/server";
import { importHtstCharts } from "@/jobs/htst-chart-recorder";
import { unauthorized, verifyCronSecret } from "@/lib/cron-auth";

export const dynamic = "force-dynamic";
export const maxDuration = 60;

/** Vercel Cron: see vercel.json. */
export async function GET(request: Request) {
  if (!verifyCronSecret(request)) return unauthorized();
  const result = await importHtstCharts();
  return NextResponse.json(result, { status: result.ok ? 200 : 500 });
}
