// Supabase Edge Function (Deno): receives the end-of-collection message from the tanker's
// on-board meter (Bartec / Sening) and records the collection before the tanker reaches the plant.
import { createClient } from "jsr:@supabase/supabase-js@2";
import { corsHeaders } from "../_shared/cors.ts";

type MeterMessage = {
  ticket: string; // meter ticket number, becomes the docket number
  supplier: string; // 5-digit co-op supplier number
  route?: string;
  litres: number;
  temp_c: number;
  collected_at: string; // ISO 8601
  driver?: string;
};

const supabase = createClient(Deno.env.get("SUPABASE_URL")!, Deno.env.get("SUPABASE_SERVICE_ROLE_KEY")!, {
  auth: { persistSession: false },
});

Deno.serve(async (req) => {
  if (req.method === "OPTIONS") return new Response("ok", { headers: corsHeaders });
  if (req.headers.get("x-telemetry-key") !== Deno.env.get("TANKER_TELEMETRY_KEY")) {
    return new Response(JSON.stringify({ error: "forbidden" }), { status: 403, headers: corsHeaders });
  }

  const messages = (await req.json()) as MeterMessage[];
  const results: { ticket: string; status: string }[] = [];

  for (const m of messages) {
    const { data: farm, error: farmError } = await supabase
      .from("farms")
      .select("id")
      .eq("supplier_code", `F-${m.supplier}`)
      .maybeSingle();
    if (farmError || !farm) {
      results.push({ ticket: m.ticket, status: "unknown supplier" });
      continue;
    }

    const { error } = await supabase.from("milk_collections").upsert(
      {
        docket_number: m.ticket,
        farm_id: farm.id,
        collected_at: m.collected_at,
        volume_l: m.litres,
        temp_c: m.temp_c,
        driver_name: m.driver ?? null,
        rejected: m.temp_c > 6,
        rejection_reason: m.temp_c > 6 ? `Collected at ${m.temp_c} °C (limit 6 °C)` : null,
      },
      { onConflict: "docket_number", ignoreDuplicates: true },
    );
    results.push({ ticket: m.ticket, status: error ? error.message : "recorded" });
  }

  return new Response(JSON.stringify({ results }), {
    headers: { ...corsHeaders, "content-type": "application/json" },
  });
});
