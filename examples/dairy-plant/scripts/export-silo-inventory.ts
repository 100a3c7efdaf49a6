/**
 * Write the silo inventory snapshot the ERP picks up for the daily milk balance.
 *
 *   npm run export:silos -- /mnt/erp-drop/silo-inventory.csv
 */
import "dotenv/config";
import { writeFile } from "node:fs/promises";
import { format } from "date-fns";
import { stringify } from "csv-stringify/sync";
import { siloInventory } from "@/db/repositories/silo-tanks";

async function main() {
  const out = process.argv[2] ?? `./exports/silo-inventory-${format(new Date(), "yyyyMMdd-HHmm")}.csv`;
  const rows = await siloInventory();
  await writeFile(
    out,
    stringify(
      rows.map((r) => ({ ...r, snapshot_at: new Date().toISOString() })),
      { header: true },
    ),
  );
  console.log(`wrote ${rows.length} silos to ${out}`);
}

main()
  .then(() => process.exit(0))
  .catch((err) => {
    console.error(err);
    process.exit(1);
  });
