import { subHours } from "date-fns";
import { listColdRooms } from "@/db/repositories/cold-rooms";
import { recentTemperatures } from "@/db/repositories/cold-room-temps";
import { ColdRoomForm } from "@/components/cold-store/cold-room-form";
import { TemperatureLogForm } from "@/components/cold-store/temperature-log-form";
import { Badge, Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { formatDateTime, formatTemp } from "@/lib/format";

export const metadata = { title: "Cold store" };
export const dynamic = "force-dynamic";

export default async function ColdStorePage() {
  const [rooms, temps] = await Promise.all([listColdRooms(), recentTemperatures({ since: subHours(new Date(), 12) })]);
  const latestByRoom = new Map<string, (typeof temps)[number]>();
  for (const t of temps) if (!latestByRoom.has(t.coldRoomId)) latestByRoom.set(t.coldRoomId, t);

  return (
    <>
      <PageHeader title="Cold store" description="Room temperatures against setpoint (CCP3)." />
      <div className="mb-6 grid grid-cols-3 gap-4">
        {rooms.map((room) => {
          const latest = latestByRoom.get(room.id);
          const alarm = latest && Number(latest.tempC) > Number(room.alarmHighC);
          return (
            <Card key={room.id}>
              <CardHeader>
                <CardTitle>
                  {room.code} · {room.name}
                </CardTitle>
              </CardHeader>
              <CardContent className="text-sm">
                <div className="text-2xl font-semibold">{latest ? formatTemp(latest.tempC) : "—"}</div>
                <div className="text-slate-500">
                  setpoint {formatTemp(room.setpointC)} · alarm &gt; {formatTemp(room.alarmHighC)}
                </div>
                {alarm ? <Badge tone="bad">HIGH</Badge> : null}
                {latest?.doorOpen ? <Badge tone="warn">door open</Badge> : null}
              </CardContent>
            </Card>
          );
        })}
      </div>
      <div className="grid grid-cols-3 gap-6">
        <Card className="col-span-2">
          <CardHeader>
            <CardTitle>Last 12 hours</CardTitle>
          </CardHeader>
          <CardContent>
            <table className="data">
              <thead>
                <tr>
                  <th>Room</th>
                  <th>At</th>
                  <th className="text-right">Temp</th>
                  <th>Source</th>
                </tr>
              </thead>
              <tbody>
                {temps.slice(0, 60).map((t) => (
                  <tr key={t.id}>
                    <td>{rooms.find((r) => r.id === t.coldRoomId)?.code ?? "?"}</td>
                    <td>{formatDateTime(t.recordedAt)}</td>
                    <td className="text-right">{formatTemp(t.tempC)}</td>
                    <td>{t.source === "manual" ? `manual (${t.recordedBy})` : t.sensorId}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </CardContent>
        </Card>
        <div className="flex flex-col gap-6">
          <Card>
            <CardHeader>
              <CardTitle>Manual reading</CardTitle>
            </CardHeader>
            <CardContent>
              <TemperatureLogForm rooms={rooms} />
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>Add a room</CardTitle>
            </CardHeader>
            <CardContent>
              <ColdRoomForm />
            </CardContent>
          </Card>
        </div>
      </div>
    </>
  );
}
