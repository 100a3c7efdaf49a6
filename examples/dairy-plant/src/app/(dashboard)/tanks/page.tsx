import { listSilos } from "@/db/repositories/silo-tanks";
import { SiloForm } from "@/components/tanks/silo-form";
import { TankReadingForm } from "@/components/tanks/tank-reading-form";
import { TankReadingsTable } from "@/components/tanks/tank-readings-table";
import { Badge, Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { fillPercent, formatAgo, formatLitres } from "@/lib/format";
import { setSiloInServiceAction } from "./actions";

export const metadata = { title: "Silos & tanks" };
export const dynamic = "force-dynamic";

export default async function TanksPage() {
  const silos = await listSilos();

  return (
    <>
      <PageHeader title="Silos & tanks" description="Contents, fill levels and the last CIP of every silo." />
      <div className="mb-6 grid grid-cols-4 gap-4">
        {silos.map((s) => (
          <Card key={s.id}>
            <CardHeader>
              <CardTitle>
                {s.code} {!s.inService ? <Badge tone="warn">out of service</Badge> : null}
              </CardTitle>
              <p className="text-xs text-slate-500">
                {s.name} · {s.contents.replace("_", " ")}
              </p>
            </CardHeader>
            <CardContent className="text-sm">
              <div className="h-2 w-full rounded bg-slate-100">
                <div className="h-2 rounded bg-sky-600" style={{ width: `${fillPercent(s.currentVolumeL, s.capacityL)}%` }} />
              </div>
              <div className="mt-2 flex justify-between">
                <span>{formatLitres(s.currentVolumeL)}</span>
                <span className="text-slate-500">of {formatLitres(s.capacityL)}</span>
              </div>
              <div className="mt-1 text-xs text-slate-500">CIP {formatAgo(s.lastCipAt)}</div>
              <form action={setSiloInServiceAction.bind(null, s.id, !s.inService)} className="mt-2">
                <button className="text-xs text-sky-700 hover:underline">{s.inService ? "Take out of service" : "Return to service"}</button>
              </form>
            </CardContent>
          </Card>
        ))}
      </div>

      <div className="grid grid-cols-3 gap-6">
        <Card className="col-span-2">
          <CardHeader>
            <CardTitle>Latest level readings</CardTitle>
          </CardHeader>
          <CardContent>
            <TankReadingsTable />
          </CardContent>
        </Card>
        <div className="flex flex-col gap-6">
          <Card>
            <CardHeader>
              <CardTitle>Dip reading</CardTitle>
            </CardHeader>
            <CardContent>
              <TankReadingForm silos={silos.filter((s) => s.inService).map(({ id, code }) => ({ id, code }))} />
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>Add a silo</CardTitle>
            </CardHeader>
            <CardContent>
              <SiloForm />
            </CardContent>
          </Card>
        </div>
      </div>
    </>
  );
}
