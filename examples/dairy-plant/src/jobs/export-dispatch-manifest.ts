import { addDays, format } from "date-fns";
import { stringify } from "csv-stringify/sync";
import { ordersForDeliveryDate } from "@/db/repositories/dispatch-orders";
import { jobLogger, runJob } from "./_lib/logger";

const log = jobLogger("export-dispatch-manifest");

/** Nightly manifest of loaded/dispatched orders for ColdLink Logistics (3PL), as CSV over HTTPS. */
export function exportDispatchManifest(day = new Date()) {
  return runJob("export-dispatch-manifest", async () => {
    const from = format(day, "yyyy-MM-dd");
    const to = format(addDays(day, 1), "yyyy-MM-dd");
    const orders = await ordersForDeliveryDate(from, to);

    const csv = stringify(
      orders.map((o) => ({
        order: o.orderNumber,
        account: o.customerAccount,
        deliver_on: o.requestedDeliveryDate,
        pallets: o.palletCount,
        max_temp_c: o.maxTransitTempC,
        trailer: o.vehicleReg ?? "",
        status: o.status,
      })),
      { header: true },
    );

    const res = await fetch(`${process.env.THREEPL_MANIFEST_URL}/glenmore/${from}.csv`, {
      method: "PUT",
      headers: { "content-type": "text/csv", authorization: `Bearer ${process.env.THREEPL_API_TOKEN}` },
      body: csv,
    });
    if (!res.ok) throw new Error(`3PL manifest upload failed: ${res.status}`);

    log.info(`manifest ${from} uploaded`, { orders: orders.length });
    // Proof-of-delivery notes come back on paper for now; the carrier portal has no export yet.
    log.warn("syncing dispatch_notes skipped: carrier POD feed not available");
    return { processed: orders.length };
  });
}
