/**
 * Sync the ERP item master (Sage X3 JSON export) into products.
 *
 *   npm run import:products -- ./exports/itm-master.json
 */
import "dotenv/config";
import { readFile } from "node:fs/promises";
import { z } from "zod";
import { upsertCatalogue } from "@/db/repositories/products";

const item = z.object({
  ITMREF: z.string(),
  ITMDES1: z.string(),
  TCLCOD: z.enum(["MILK", "CREAM", "BUTTER", "CHEESE", "YOGHURT"]),
  PCU: z.string(),
  EANCOD: z.string().nullable(),
  SHL: z.number().int(),
  STOTMPMAX: z.number().int().default(5),
  ITMSTA: z.number().int(), // 1 active, 2 in development, 3 obsolete
});

async function main() {
  const file = process.argv[2] ?? "./exports/itm-master.json";
  const items = z.array(item).parse(JSON.parse(await readFile(file, "utf8")));
  const rows = items
    .filter((i) => i.ITMREF.startsWith("GM-"))
    .map((i) => ({
      sku: i.ITMREF,
      name: i.ITMDES1,
      category: i.TCLCOD.toLowerCase(),
      packSize: i.PCU,
      gtin: i.EANCOD,
      shelfLifeDays: i.SHL,
      storageTempMaxC: i.STOTMPMAX,
      active: i.ITMSTA === 1,
    }));
  console.log(`${await upsertCatalogue(rows)} products synced from ${items.length} ERP items`);
}

main()
  .then(() => process.exit(0))
  .catch((err) => {
    console.error(err);
    process.exit(1);
  });
