import { lastPassingCycleByCircuit, listCipCycles } from "@/db/repositories/cip-cycles";
import { CompleteCipForm, StartCipForm } from "@/components/cip/cip-cycle-form";
import { Badge, Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { formatAgo, formatDateTime } from "@/lib/format";

export const metadata = { title: "CIP" };
export const dynamic = "force-dynamic";

export default async function CipPage() {
  const [cycles, lastClean] = await Promise.all([listCipCycles(), lastPassingCycleByCircuit()]);
  const running = cycles.filter((c) => c.result === "running");

  return (
    <>
      <PageHeader title="Cleaning in place" description="CIP cycles per circuit, with verification against SOP-CIP-002." />
      <div className="mb-6 grid grid-cols-4 gap-4">
        {lastClean.map((c) => (
          <Card key={c.circuit}>
            <CardContent className="pt-4 text-sm">
              <div className="font-medium">{c.circuit}</div>
              <div className="text-slate-500">last clean {formatAgo(c.endedAt)}</div>
            </CardContent>
          </Card>
        ))}
      </div>
      <div className="grid grid-cols-3 gap-6">
        <Card className="col-span-2">
          <CardContent className="pt-5">
            <table className="data">
              <thead>
                <tr>
                  <th>Circuit</th>
                  <th>Started</th>
                  <th>Ended</th>
                  <th className="text-right">Caustic</th>
                  <th className="text-right">Rinse</th>
                  <th>Result</th>
                </tr>
              </thead>
              <tbody>
                {cycles.map((c) => (
                  <tr key={c.id}>
                    <td>{c.circuit}</td>
                    <td>{formatDateTime(c.startedAt)}</td>
                    <td>{formatDateTime(c.endedAt)}</td>
                    <td className="text-right">{c.causticConcPct ? `${c.causticConcPct}% @ ${c.causticTempC}°` : "—"}</td>
                    <td className="text-right">{c.finalRinseConductivityMs ?? "—"}</td>
                    <td>
                      <Badge tone={c.result === "pass" ? "good" : c.result === "running" ? "warn" : "bad"}>{c.result}</Badge>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Run CIP</CardTitle>
          </CardHeader>
          <CardContent className="flex flex-col gap-4">
            <StartCipForm />
            {running.map((c) => (
              <CompleteCipForm key={c.id} cycleId={c.id} circuit={c.circuit} />
            ))}
          </CardContent>
        </Card>
      </div>
    </>
  );
}
