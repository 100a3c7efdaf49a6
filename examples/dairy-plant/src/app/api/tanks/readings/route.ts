import { NextResponse } from "next/server";
import { latestReadings, recordReading } from "@/db/repositories/tank-readings";
import { badRequest, serverError } from "@/lib/api/responses";
import { createClient } from "@/lib/supabase/server";
import { tankReadingInput } from "@/lib/validation/processing";

export const dynamic = "force-dynamic";

/** Session-authenticated JSON endpoint used by the tank board and the floor handhelds. */
export async function GET() {
  const rows = await latestReadings(50);
  return NextResponse.json({ data: rows });
}

export async function POST(request: Request) {
  const supabase = await createClient();
  const {
    data: { user },
  } = await supabase.auth.getUser();
  if (!user?.email) return NextResponse.json({ error: "not signed in" }, { status: 401 });

  const parsed = tankReadingInput.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return badRequest(parsed.error);

  try {
    const row = await recordReading({ ...parsed.data, recordedBy: user.email });
    return NextResponse.json({ data: row }, { status: 201 });
  } catch (err) {
    return serverError(err);
  }
}
