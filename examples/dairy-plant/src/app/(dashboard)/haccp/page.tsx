import { listHaccpChecks } from "@/lib/data/haccp";
import { HaccpCheckForm } from "@/components/haccp/haccp-check-form";
import { Badge, Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { formatDateTime } from "@/lib/format";
import { verifyHaccpCheckAction } from "./actions";

export const metadata = { title: "HACCP" };
export const dynamic = "force-dynamic";

export default async function HaccpPage() {
  const checks = await listHaccpChecks({ limit: 80 });
  const deviations = checks.filter((c) => !c.within_limit);

  return (
    <>
      <PageHeader title="HACCP" description="Critical control point checks and their verification." />
      <Card className="mb-6 border-amber-200 bg-amber-50">
        <CardContent className="pt-4 text-sm text-amber-900">
          {deviations.length} deviation(s) in the last {checks.length} checks. Product holds for affected batches are
          raised by QA in the quality_holds register; the hold board will appear on this page in the next release.
        </CardContent>
      </Card>
      <div className="grid grid-cols-3 gap-6">
        <Card className="col-span-2">
          <CardContent className="pt-5">
            <table className="data">
              <thead>
                <tr>
                  <th>CCP</th>
                  <th>Checked</th>
                  <th>By</th>
                  <th className="text-right">Value</th>
                  <th>Limit</th>
                  <th>Result</th>
                  <th>Verified</th>
                </tr>
              </thead>
              <tbody>
                {checks.map((c) => (
                  <tr key={c.id}>
                    <td>{c.ccp}</td>
                    <td>{formatDateTime(c.checked_at)}</td>
                    <td>{c.checked_by}</td>
                    <td className="text-right">
                      {c.measured_value} {c.unit}
                    </td>
                    <td className="text-xs text-slate-500">{c.critical_limit}</td>
                    <td>
                      {c.within_limit ? (
                        <Badge tone="good">ok</Badge>
                      ) : (
                        <Badge tone="bad" title={c.corrective_action ?? undefined}>
                          deviation
                        </Badge>
                      )}
                    </td>
                    <td>
                      {c.verified_by ?? (
                        <form action={verifyHaccpCheckAction.bind(null, c.id)}>
                          <button className="text-xs text-sky-700 hover:underline">Verify</button>
                        </form>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Record a check</CardTitle>
          </CardHeader>
          <CardContent>
            <HaccpCheckForm />
          </CardContent>
        </Card>
      </div>
    </>
  );
}
