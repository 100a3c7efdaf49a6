import { createHmac, timingSafeEqual } from "node:crypto";
import { NextResponse } from "next/server";
import { insertSensorReadings } from "@/db/repositories/cold-room-temps";
import { badRequest, serverError } from "@/lib/api/responses";
import { sensorBatch } from "@/lib/validation/cold-store";

export const dynamic = "force-dynamic";

function validSignature(body: string, signature: string | null): boolean {
  const secret = process.env.COLD_ROOM_WEBHOOK_SECRET;
  if (!secret || !signature) return false;
  const expected = createHmac("sha256", secret).update(body).digest("hex");
  return expected.length === signature.length && timingSafeEqual(Buffer.from(expected), Buffer.from(signature));
}

/** The Monnit gateway in the cold store posts batches of temperature readings every 5 minutes. */
export async function POST(request: Request) {
  const body = await request.text();
  if (!validSignature(body, request.headers.get("x-monnit-signature"))) {
    return NextResponse.json({ error: "bad signature" }, { status: 401 });
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return NextResponse.json({ error: "invalid json" }, { status: 400 });
  }
  const parsed = sensorBatch.safeParse(json);
  if (!parsed.success) return badRequest(parsed.error);

  try {
    const inserted = await insertSensorReadings(
      parsed.data.readings.map((r) => ({
        coldRoomId: r.coldRoomId,
        recordedAt: new Date(r.at),
        tempC: r.tempC.toFixed(1),
        doorOpen: r.door ?? false,
        source: "sensor",
        sensorId: r.sensorId,
      })),
    );
    return NextResponse.json({ inserted });
  } catch (err) {
    return serverError(err);
  }
}
