import { asc, eq } from "drizzle-orm";
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { db } from "@/db";
import { tankerRoutes } from "@/db/schema";
import { requireApiKey } from "@/lib/api/require-api-key";
import { badRequest, serverError } from "@/lib/api/responses";

export const dynamic = "force-dynamic";

const routeInput = z.object({
  code: z.string().min(2).max(12),
  name: z.string().min(2),
  tanker_registration: z.string().optional(),
  capacity_l: z.number().int().positive(),
  departure_time: z.string().regex(/^\d{2}:\d{2}$/).optional(),
  farm_codes: z.array(z.string()).default([]),
});

/** GET /api/v1/tanker-routes — collection routes, queried directly (no repository yet). */
export async function GET(request: NextRequest) {
  const auth = requireApiKey(request, "routes:read");
  if (!auth.ok) return auth.response;
  const routes = await db.select().from(tankerRoutes).where(eq(tankerRoutes.active, true)).orderBy(asc(tankerRoutes.code));
  return NextResponse.json({ data: routes });
}

/** PUT /api/v1/tanker-routes — the haulier's route planner pushes its plan. */
export async function PUT(request: NextRequest) {
  const auth = requireApiKey(request, "routes:write");
  if (!auth.ok) return auth.response;
  const parsed = z.array(routeInput).safeParse(await request.json().catch(() => null));
  if (!parsed.success) return badRequest(parsed.error);
  try {
    for (const r of parsed.data) {
      await db
        .insert(tankerRoutes)
        .values({
          code: r.code,
          name: r.name,
          tankerRegistration: r.tanker_registration,
          capacityL: r.capacity_l,
          departureTime: r.departure_time,
          farmCodes: r.farm_codes,
        })
        .onConflictDoUpdate({
          target: tankerRoutes.code,
          set: { name: r.name, capacityL: r.capacity_l, departureTime: r.departure_time, farmCodes: r.farm_codes },
        });
    }
    return NextResponse.json({ upserted: parsed.data.length });
  } catch (err) {
    return serverError(err);
  }
}
