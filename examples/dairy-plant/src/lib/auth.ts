import "server-only";
import { redirect } from "next/navigation";
import { createClient } from "@/lib/supabase/server";

export type PlantUser = { id: string; email: string; role: "operator" | "qa" | "supervisor" };

/** The signed-in plant user, or a redirect to /login. */
export async function requireUser(): Promise<PlantUser> {
  const supabase = await createClient();
  const {
    data: { user },
  } = await supabase.auth.getUser();
  if (!user?.email) redirect("/login");
  const role = (user.app_metadata?.role as PlantUser["role"] | undefined) ?? "operator";
  return { id: user.id, email: user.email, role };
}

export async function requireRole(...roles: PlantUser["role"][]): Promise<PlantUser> {
  const user = await requireUser();
  if (!roles.includes(user.role)) {
    throw new Error(`This action needs one of: ${roles.join(", ")}`);
  }
  return user;
}
