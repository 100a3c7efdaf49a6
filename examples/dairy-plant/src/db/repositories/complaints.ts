import { desc, eq, sql } from "drizzle-orm";
import { db } from "@/db";
import { customerComplaints } from "@/db/schema";

export async function listOpenComplaints() {
  return db
    .select()
    .from(customerComplaints)
    .where(eq(customerComplaints.status, "open"))
    .orderBy(desc(customerComplaints.receivedAt));
}

/** References are CC-<year>-<4-digit sequence within the year>. */
async function nextReference(): Promise<string> {
  const year = new Date().getFullYear();
  const [{ n }] = await db
    .select({ n: sql<number>`count(*)::int + 1` })
    .from(customerComplaints)
    .where(sql`extract(year from ${customerComplaints.receivedAt}) = ${year}`);
  return `CC-${year}-${String(n).padStart(4, "0")}`;
}

export async function createComplaint(input: Omit<typeof customerComplaints.$inferInsert, "reference">) {
  const reference = await nextReference();
  const [row] = await db.insert(customerComplaints).values({ ...input, reference }).returning();
  return row;
}

export async function closeComplaint(id: string) {
  await db
    .update(customerComplaints)
    .set({ status: "closed", closedAt: new Date() })
    .where(eq(customerComplaints.id, id));
}
