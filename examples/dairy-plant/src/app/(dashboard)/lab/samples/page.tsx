import { subDays } from "date-fns";
import { listSamples } from "@/lib/data/lab-samples";
import { SampleResultForm } from "@/components/lab/sample-result-form";
import { Badge, Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { formatDateTime } from "@/lib/format";

export const metadata = { title: "Lab samples" };
export const dynamic = "force-dynamic";

export default async function SamplesPage() {
  const samples = await listSamples({ since: subDays(new Date(), 7) });
  const pending = samples.filter((s) => s.status === "pending");

  return (
    <>
      <PageHeader title="Lab samples" description="Collection, silo and finished-product samples for the last 7 days." />
      <div className="grid grid-cols-3 gap-6">
        <Card className="col-span-2">
          <CardContent className="pt-5">
            <table className="data" aria-label="Samples">
              <thead>
                <tr>
                  <th>Sample</th>
                  <th>Source</th>
                  <th>Sampled</th>
                  <th className="text-right">Fat</th>
                  <th className="text-right">Protein</th>
                  <th className="text-right">SCC</th>
                  <th className="text-right">TBC</th>
                  <th>Status</th>
                </tr>
              </thead>
              <tbody>
                {samples.map((s) => (
                  <tr key={s.id}>
                    <td className="font-mono">{s.sampleCode}</td>
                    <td>{s.source}</td>
                    <td>{formatDateTime(s.sampledAt)}</td>
                    <td className="text-right">{s.fatPct ?? "—"}</td>
                    <td className="text-right">{s.proteinPct ?? "—"}</td>
                    <td className="text-right">{s.somaticCellCount ?? "—"}</td>
                    <td className="text-right">{s.totalBacterialCount ?? "—"}</td>
                    <td>
                      <Badge tone={s.status === "failed" ? "bad" : s.status === "tested" ? "good" : "warn"}>{s.status}</Badge>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Enter a result</CardTitle>
          </CardHeader>
          <CardContent>
            <SampleResultForm pending={pending.map(({ id, sampleCode }) => ({ id, sampleCode }))} />
          </CardContent>
        </Card>
      </div>
    </>
  );
}
