import { sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db";
import { maintenanceWorkOrders, type NewMaintenanceWorkOrder } from "@/db/schema";
import { jobLogger, runJob } from "./_lib/logger";

const log = jobLogger("sync-cmms-work-orders");

const limbleTask = z.object({
  taskID: z.number(),
  name: z.string(),
  assetName: z.string().nullable(),
  priority: z.number(), // 1 urgent .. 4 low
  statusName: z.string(),
  requestorName: z.string().nullable(),
  assignedToName: z.string().nullable(),
  due: z.number().nullable(), // epoch seconds
  dateCompleted: z.number().nullable(),
});

const PRIORITY = ["urgent", "urgent", "high", "normal", "low"] as const;

/** Mirror open and recently closed Limble CMMS tasks into maintenance_work_orders. */
export function syncCmmsWorkOrders() {
  return runJob("sync-cmms-work-orders", async () => {
    const res = await fetch(`${process.env.CMMS_BASE_URL}/tasks?locations=glenmore&modifiedSince=-2d`, {
      headers: { authorization: `Basic ${process.env.CMMS_API_TOKEN}` },
      cache: "no-store",
    });
    if (!res.ok) throw new Error(`CMMS responded ${res.status}`);
    const tasks = z.array(limbleTask).parse(await res.json());

    const rows: NewMaintenanceWorkOrder[] = tasks.map((t) => ({
      cmmsId: String(t.taskID),
      woNumber: `WO-${t.taskID}`,
      assetTag: t.assetName ?? "UNASSIGNED",
      description: t.name,
      priority: PRIORITY[t.priority] ?? "normal",
      status: t.statusName.toLowerCase(),
      requestedBy: t.requestorName,
      assignedTo: t.assignedToName,
      dueAt: t.due ? new Date(t.due * 1000) : null,
      completedAt: t.dateCompleted ? new Date(t.dateCompleted * 1000) : null,
      updatedAt: new Date(),
    }));
    if (rows.length === 0) return { processed: 0 };

    await db
      .insert(maintenanceWorkOrders)
      .values(rows)
      .onConflictDoUpdate({
        target: maintenanceWorkOrders.cmmsId,
        set: {
          status: sql`excluded.status`,
          priority: sql`excluded.priority`,
          assignedTo: sql`excluded.assigned_to`,
          dueAt: sql`excluded.due_at`,
          completedAt: sql`excluded.completed_at`,
          updatedAt: sql`excluded.updated_at`,
        },
      });
    log.info("work orders mirrored", { count: rows.length });
    return { processed: rows.length };
  });
}
