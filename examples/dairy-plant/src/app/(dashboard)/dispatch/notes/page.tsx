import { listRecentOrders } from "@/db/repositories/dispatch-orders";
import { listDispatchNotes } from "@/db/repositories/dispatch-notes";
import { DispatchNoteForm } from "@/components/dispatch/dispatch-note-form";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { formatDateTime, formatTemp } from "@/lib/format";

export const metadata = { title: "Delivery notes" };
export const dynamic = "force-dynamic";

export default async function DispatchNotesPage() {
  const [notes, orders] = await Promise.all([listDispatchNotes(), listRecentOrders(40)]);
  const awaitingPod = orders.filter((o) => o.status === "dispatched");

  return (
    <>
      <PageHeader title="Delivery notes" description="Signed proof-of-delivery notes returned by drivers." />
      <div className="grid grid-cols-3 gap-6">
        <Card className="col-span-2">
          <CardContent className="pt-5">
            <table className="data">
              <thead>
                <tr>
                  <th>Note</th>
                  <th>Order</th>
                  <th>Customer</th>
                  <th>Signed</th>
                  <th>By</th>
                  <th className="text-right">Arrival temp</th>
                  <th>Discrepancies</th>
                </tr>
              </thead>
              <tbody>
                {notes.map((n) => (
                  <tr key={n.id}>
                    <td className="font-mono">{n.noteNumber}</td>
                    <td className="font-mono">{n.orderNumber}</td>
                    <td>{n.customerAccount}</td>
                    <td>{formatDateTime(n.issuedAt)}</td>
                    <td>{n.receivedBy ?? "—"}</td>
                    <td className="text-right">{formatTemp(n.temperatureOnArrivalC)}</td>
                    <td>{n.discrepancies ?? "none"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Record a note</CardTitle>
          </CardHeader>
          <CardContent>
            <DispatchNoteForm orders={awaitingPod} />
          </CardContent>
        </Card>
      </div>
    </>
  );
}
