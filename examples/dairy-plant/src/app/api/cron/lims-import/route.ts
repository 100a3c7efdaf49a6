import { NextResponse } from "next/server";
import { importLimsResults } from "@/jobs/import-lims-results";
import { unauthorized, verifyCronSecret } from "@/lib/cron-auth";

export const dynamic = "force-dynamic";
export const maxDuration = 120;

/** Vercel Cron: see vercel.json. */
export async function GET(request: Request) {
  if (!verifyCronSecret(request)) return unauthorized();
  const result = await importLimsResults();
  return NextResponse.json(result, { status: result.ok ? 200 : 500 });
}
