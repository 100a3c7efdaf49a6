import { listBatches } from "@/db/repositories/batches";
import { listRuns } from "@/db/repositories/pasteurisation";
import { listSilos } from "@/db/repositories/silo-tanks";
import { CloseRunForm, HtstRunForm } from "@/components/pasteuriser/htst-run-form";
import { Badge, Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { formatDateTime, formatTemp } from "@/lib/format";

export const metadata = { title: "Pasteuriser" };
export const dynamic = "force-dynamic";

export default async function PasteuriserPage() {
  const [runs, silos, batches] = await Promise.all([
    listRuns(),
    listSilos(),
    listBatches({ status: ["planned", "in_progress"] }),
  ]);

  return (
    <>
      <PageHeader title="Pasteuriser" description="HTST runs. Legal minimum 72 °C for 15 s; every divert is logged." />
      <div className="grid grid-cols-3 gap-6">
        <Card className="col-span-2">
          <CardContent className="pt-5">
            <table className="data">
              <thead>
                <tr>
                  <th>Unit</th>
                  <th>Batch</th>
                  <th>Started</th>
                  <th>Ended</th>
                  <th className="text-right">Hold</th>
                  <th className="text-right">Diverts</th>
                  <th>Result</th>
                </tr>
              </thead>
              <tbody>
                {runs.map((r) => (
                  <tr key={r.id}>
                    <td>{r.unitCode}</td>
                    <td className="font-mono">{r.batchNumber ?? "—"}</td>
                    <td>{formatDateTime(r.startedAt)}</td>
                    <td>{r.endedAt ? formatDateTime(r.endedAt) : <CloseRunForm id={r.id} />}</td>
                    <td className="text-right">
                      {formatTemp(r.holdingTempC)} / {r.holdingTimeS} s
                    </td>
                    <td className="text-right">{r.divertCount}</td>
                    <td>
                      {r.passed === null ? <Badge tone="warn">running</Badge> : r.passed ? <Badge tone="good">pass</Badge> : <Badge tone="bad">fail</Badge>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Start a run</CardTitle>
          </CardHeader>
          <CardContent>
            <HtstRunForm
              silos={silos.map((s) => ({ id: s.id, label: `${s.code} (${s.contents})` }))}
              batches={batches.map((b) => ({ id: b.id, label: `${b.batchNumber} · ${b.productSku}` }))}
            />
          </CardContent>
        </Card>
      </div>
    </>
  );
}
