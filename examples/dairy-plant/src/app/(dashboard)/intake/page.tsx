import Link from "next/link";
import { startOfDay } from "date-fns";
import { countCollectionsSince, intakeTotalsSince, listRecentCollections } from "@/db/repositories/milk-collections";
import { RejectCollectionForm } from "@/components/intake/reject-collection-form";
import { Badge, Card, CardContent } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { formatDateTime, formatLitres, formatTemp } from "@/lib/format";

export const metadata = { title: "Milk intake" };
export const dynamic = "force-dynamic";

export default async function IntakePage() {
  const today = startOfDay(new Date());
  const [collections, tankersToday, totals] = await Promise.all([
    listRecentCollections(40),
    countCollectionsSince(today),
    intakeTotalsSince(today),
  ]);

  return (
    <>
      <PageHeader title="Milk intake" description="Tanker collections received at the intake bays.">
        <div className="flex gap-6 text-sm">
          <div>
            <div className="text-slate-500">Tankers today</div>
            <div className="text-xl font-semibold">{tankersToday}</div>
          </div>
          <div>
            <div className="text-slate-500">Accepted</div>
            <div className="text-xl font-semibold">{formatLitres(totals.litres)}</div>
          </div>
          <div>
            <div className="text-slate-500">Rejected</div>
            <div className="text-xl font-semibold text-red-700">{formatLitres(totals.rejectedLitres)}</div>
          </div>
          <Link href="/intake/new" className="self-center rounded-md bg-sky-700 px-4 py-2 text-white hover:bg-sky-800">
            Receive a tanker
          </Link>
        </div>
      </PageHeader>

      <Card>
          <CardContent className="pt-5">
            <table className="data" aria-label="Recent collections">
              <thead>
                <tr>
                  <th>Docket</th>
                  <th>Farm</th>
                  <th>Collected</th>
                  <th className="text-right">Volume</th>
                  <th className="text-right">Temp</th>
                  <th>Grade</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {collections.map((c) => (
                  <tr key={c.id}>
                    <td className="font-mono">{c.docketNumber}</td>
                    <td>
                      {c.farmName} <span className="text-slate-400">{c.supplierCode}</span>
                    </td>
                    <td>{formatDateTime(c.collectedAt)}</td>
                    <td className="text-right">{formatLitres(c.volumeL)}</td>
                    <td className="text-right">{formatTemp(c.tempC)}</td>
                    <td>{c.rejected ? <Badge tone="bad">rejected</Badge> : (c.grade ?? <Badge>pending lab</Badge>)}</td>
                    <td>{c.rejected ? null : <RejectCollectionForm id={c.id} />}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </CardContent>
      </Card>
    </>
  );
}
