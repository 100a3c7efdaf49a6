import { listFarms } from "@/db/repositories/farms";
import { FarmForm } from "@/components/farms/farm-form";
import { Badge, Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { PageHeader } from "@/components/ui/page-header";
import { formatLitres } from "@/lib/format";
import { toggleFarmActiveAction } from "./actions";

export const metadata = { title: "Farms" };
export const dynamic = "force-dynamic";

export default async function FarmsPage({ searchParams }: { searchParams: Promise<{ q?: string; all?: string }> }) {
  const { q, all } = await searchParams;
  const farms = await listFarms({ search: q, includeInactive: all === "1" });

  return (
    <>
      <PageHeader title="Farms" description="Milk suppliers on the co-op register.">
        <form className="flex gap-2" role="search">
          <Input name="q" defaultValue={q} placeholder="Search name or code" className="w-64" />
        </form>
      </PageHeader>

      <div className="grid grid-cols-3 gap-6">
        <Card className="col-span-2">
          <CardContent className="pt-5">
            <table className="data">
              <thead>
                <tr>
                  <th>Code</th>
                  <th>Farm</th>
                  <th>Region</th>
                  <th className="text-right">Herd</th>
                  <th className="text-right">Bulk tank</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {farms.map((farm) => (
                  <tr key={farm.id}>
                    <td className="font-mono">{farm.supplierCode}</td>
                    <td>
                      {farm.name} {farm.organicCertified ? <Badge tone="good">organic</Badge> : null}
                      {!farm.active ? <Badge tone="warn">inactive</Badge> : null}
                    </td>
                    <td>{farm.region}</td>
                    <td className="text-right">{farm.herdSize ?? "—"}</td>
                    <td className="text-right">{formatLitres(farm.bulkTankCapacityL)}</td>
                    <td className="text-right">
                      <form action={toggleFarmActiveAction.bind(null, farm.id, !farm.active)}>
                        <button className="text-xs text-sky-700 hover:underline">
                          {farm.active ? "Deactivate" : "Reactivate"}
                        </button>
                      </form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {farms.length === 0 ? <p className="py-6 text-center text-sm text-slate-500">No farms match.</p> : null}
          </CardContent>
        </Card>

        <Card>
          <CardHeader>
            <CardTitle>Add a farm</CardTitle>
          </CardHeader>
          <CardContent>
            <FarmForm />
          </CardContent>
        </Card>
      </div>
    </>
  );
}
