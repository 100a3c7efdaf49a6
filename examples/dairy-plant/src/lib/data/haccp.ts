import "server-only";
import { createClient } from "@/lib/supabase/server";
import type { Tables, TablesInsert } from "@/lib/supabase/database.types";

// HACCP checks go through supabase-js (not Drizzle) so that the RLS policies in
// supabase/migrations/20240301090000_haccp_checks.sql apply with the operator's own JWT.

export type HaccpCheck = Tables<"haccp_checks">;

export async function listHaccpChecks(opts: { ccp?: string; limit?: number } = {}): Promise<HaccpCheck[]> {
  const supabase = await createClient();
  let query = supabase
    .from("haccp_checks")
    .select("*")
    .order("checked_at", { ascending: false })
    .limit(opts.limit ?? 50);
  if (opts.ccp) query = query.eq("ccp", opts.ccp);
  const { data, error } = await query;
  if (error) throw new Error(`Could not load HACCP checks: ${error.message}`);
  return data;
}

export async function recordHaccpCheck(check: TablesInsert<"haccp_checks">): Promise<HaccpCheck> {
  const supabase = await createClient();
  const { data, error } = await supabase.from("haccp_checks").insert(check).select().single();
  if (error) throw new Error(`Could not record HACCP check: ${error.message}`);
  return data;
}

export async function verifyHaccpCheck(id: string, verifiedBy: string) {
  const supabase = await createClient();
  const { error } = await supabase
    .from("haccp_checks")
    .update({ verified_by: verifiedBy, verified_at: new Date().toISOString() })
    .eq("id", id);
  if (error) throw new Error(`Could not verify HACCP check: ${error.message}`);
}
