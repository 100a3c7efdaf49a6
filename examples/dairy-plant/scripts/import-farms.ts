/**
 * Import the co-op supplier register (monthly CSV export from the milk-pricing system).
 *
 *   npm run import:farms -- ./exports/supplier-register-2024-04.csv
 */
import "dotenv/config";
import { readFile } from "node:fs/promises";
import { parse } from "csv-parse/sync";
import { z } from "zod";
import { upsertFarms } from "../src/db/repositories/farms";

const row = z.object({
  SUPPLIER_NO: z.string().regex(/^\d{5}$/),
  SUPPLIER_NAME: z.string().min(1),
  OWNER: z.string().optional(),
  REGION: z.string().min(1),
  HERD: z.coerce.number().int().optional(),
  ORGANIC: z.enum(["Y", "N"]).default("N"),
  STATUS: z.enum(["ACTIVE", "SUSPENDED", "LEFT"]),
});

async function main() {
  const file = process.argv[2];
  if (!file) throw new Error("usage: import-farms <register.csv>");
  const records = parse(await readFile(file, "utf8"), { columns: true, skip_empty_lines: true, trim: true });

  const farms = [];
  const rejected: string[] = [];
  for (const [i, record] of records.entries()) {
    const parsed = row.safeParse(record);
    if (!parsed.success) {
      rejected.push(`line ${i + 2}: ${parsed.error.issues[0]?.message}`);
      continue;
    }
    const r = parsed.data;
    farms.push({
      supplierCode: `F-${r.SUPPLIER_NO}`,
      name: r.SUPPLIER_NAME,
      ownerName: r.OWNER,
      region: r.REGION,
      herdSize: r.HERD,
      organicCertified: r.ORGANIC === "Y",
      active: r.STATUS === "ACTIVE",
    });
  }

  const upserted = await upsertFarms(farms);
  console.log(`${upserted} farms upserted, ${rejected.length} rejected`);
  for (const line of rejected) console.warn(`  ${line}`);
}

main()
  .then(() => process.exit(0))
  .catch((err) => {
    console.error(err);
    process.exit(1);
  });
