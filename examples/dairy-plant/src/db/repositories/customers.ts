import { asc, eq } from "drizzle-orm";
import { db } from "@/db";
import { customers, type Customer } from "@/db/schema";

export async function listCustomers(channel?: string): Promise<Customer[]> {
  return db
    .select()
    .from(customers)
    .where(channel ? eq(customers.channel, channel) : eq(customers.active, true))
    .orderBy(asc(customers.name));
}

export async function getCustomerByAccount(accountCode: string): Promise<Customer | null> {
  const [row] = await db.select().from(customers).where(eq(customers.accountCode, accountCode)).limit(1);
  return row ?? null;
}
