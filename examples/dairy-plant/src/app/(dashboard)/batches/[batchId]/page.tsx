import { notFound } from "next/navigation";
import { getBatchByNumber } from "@/db/repositories/batches";
import { BatchStatusForm } from "@/components/batches/batch-status-form";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { formatDateTime, formatLitres } from "@/lib/format";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ batchId: string }> }) {
  const { batchId } = await params;
  return { title: `Batch ${batchId}` };
}

export default async function BatchPage({ params }: { params: Promise<{ batchId: string }> }) {
  const { batchId } = await params;
  const batch = await getBatchByNumber(decodeURIComponent(batchId));
  if (!batch) notFound();

  const rows: [string, React.ReactNode][] = [
    ["Product", <span className="font-mono">{batch.productSku}</span>],
    ["Planned volume", formatLitres(batch.plannedVolumeL)],
    ["Actual volume", formatLitres(batch.actualVolumeL)],
    ["Started", formatDateTime(batch.startedAt)],
    ["Completed", formatDateTime(batch.completedAt)],
    ["Released by", batch.releasedBy ?? "—"],
    ["Notes", batch.notes ?? "—"],
  ];

  return (
    <>
      <PageHeader title={`Batch ${batch.batchNumber}`} description={`Status: ${batch.status.replace("_", " ")}`} />
      <div className="grid grid-cols-2 gap-6">
        <Card>
          <CardHeader>
            <CardTitle>Record</CardTitle>
          </CardHeader>
          <CardContent>
            <dl className="grid grid-cols-[10rem_1fr] gap-y-2 text-sm">
              {rows.map(([k, v]) => (
                <div key={k} className="contents">
                  <dt className="text-slate-500">{k}</dt>
                  <dd>{v}</dd>
                </div>
              ))}
            </dl>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Change status</CardTitle>
          </CardHeader>
          <CardContent>
            <BatchStatusForm id={batch.id} status={batch.status} />
          </CardContent>
        </Card>
      </div>
    </>
  );
}
