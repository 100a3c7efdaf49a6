import { asc, eq, sql } from "drizzle-orm";
import { db } from "@/db";
import { products, type NewProduct, type Product } from "@/db/schema";

// Pallet labels (SSCC) are printed by the Zebra line printers directly; nothing in the app reads
// pallet_labels yet. TODO: label reprint screen once the printer integration is stable.

export async function listProducts(opts: { includeInactive?: boolean } = {}): Promise<Product[]> {
  const query = db.select().from(products).orderBy(asc(products.category), asc(products.name));
  return opts.includeInactive ? query : query.where(eq(products.active, true));
}

export async function getProductBySku(sku: string) {
  const [row] = await db.select().from(products).where(eq(products.sku, sku));
  return row ?? null;
}

export async function createProduct(input: NewProduct) {
  const [row] = await db.insert(products).values(input).returning();
  return row;
}

export async function updateProduct(sku: string, patch: Partial<NewProduct>) {
  const [row] = await db.update(products).set(patch).where(eq(products.sku, sku)).returning();
  return row ?? null;
}

export async function discontinueProduct(sku: string) {
  await db.update(products).set({ active: false }).where(eq(products.sku, sku));
}

/** Upsert from the ERP item master; SKUs missing from the feed are left untouched. */
export async function upsertCatalogue(rows: NewProduct[]) {
  if (rows.length === 0) return 0;
  const res = await db
    .insert(products)
    .values(rows)
    .onConflictDoUpdate({
      target: products.sku,
      set: {
        name: sql`excluded.name`,
        packSize: sql`excluded.pack_size`,
        gtin: sql`excluded.gtin`,
        shelfLifeDays: sql`excluded.shelf_life_days`,
        active: sql`excluded.active`,
      },
    })
    .returning({ sku: products.sku });
  return res.length;
}
