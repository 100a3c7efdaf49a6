import Link from "next/link";
import { format } from "date-fns";
import { listBatches } from "@/db/repositories/batches";
import { BatchForm } from "@/components/batches/batch-form";
import { Badge, Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { formatDateTime, formatLitres } from "@/lib/format";
import { createBatchAction } from "./actions";

export const metadata = { title: "Batches" };
export const dynamic = "force-dynamic";

const TONE = { planned: "neutral", in_progress: "warn", on_hold: "bad", released: "good", rejected: "bad" } as const;

export default async function BatchesPage() {
  const batches = await listBatches({ limit: 60 });
  const suggested = `B${format(new Date(), "yy-MMdd")}-${String(batches.length + 1).padStart(2, "0")}`;

  return (
    <>
      <PageHeader title="Production batches" description="Planned, running and released batches." />
      <div className="grid grid-cols-3 gap-6">
        <Card className="col-span-2">
          <CardContent className="pt-5">
            <table className="data">
              <thead>
                <tr>
                  <th>Batch</th>
                  <th>SKU</th>
                  <th>Status</th>
                  <th className="text-right">Planned</th>
                  <th className="text-right">Actual</th>
                  <th>Started</th>
                </tr>
              </thead>
              <tbody>
                {batches.map((b) => (
                  <tr key={b.id}>
                    <td>
                      <Link href={`/batches/${b.batchNumber}`} className="font-mono text-sky-700 hover:underline">
                        {b.batchNumber}
                      </Link>
                    </td>
                    <td className="font-mono">{b.productSku}</td>
                    <td>
                      <Badge tone={TONE[b.status]}>{b.status.replace("_", " ")}</Badge>
                    </td>
                    <td className="text-right">{formatLitres(b.plannedVolumeL)}</td>
                    <td className="text-right">{formatLitres(b.actualVolumeL)}</td>
                    <td>{formatDateTime(b.startedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Plan a batch</CardTitle>
          </CardHeader>
          <CardContent>
            <BatchForm action={createBatchAction} suggestedNumber={suggested} />
          </CardContent>
        </Card>
      </div>
    </>
  );
}
