import { listOpenOrders, listRecentOrders } from "@/db/repositories/dispatch-orders";
import { AdvanceOrderForm, DispatchOrderForm, StatusFilter } from "@/components/dispatch/dispatch-order-form";
import { Badge, Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { formatDateTime } from "@/lib/format";

export const metadata = { title: "Dispatch" };
export const dynamic = "force-dynamic";

export default async function DispatchPage({ searchParams }: { searchParams: Promise<{ status?: string }> }) {
  const { status } = await searchParams;
  const orders = status === "recent" ? await listRecentOrders() : await listOpenOrders();

  return (
    <>
      <PageHeader title="Dispatch" description="Outbound orders from pick to trailer.">
        <StatusFilter value={status} />
      </PageHeader>
      <div className="grid grid-cols-3 gap-6">
        <Card className="col-span-2">
          <CardContent className="pt-5">
            <table className="data">
              <thead>
                <tr>
                  <th>Order</th>
                  <th>Customer</th>
                  <th>Deliver</th>
                  <th className="text-right">Pallets</th>
                  <th>Status</th>
                  <th>Loaded</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {orders.map((o) => (
                  <tr key={o.id}>
                    <td className="font-mono">{o.orderNumber}</td>
                    <td>{o.customerAccount}</td>
                    <td>{o.requestedDeliveryDate}</td>
                    <td className="text-right">{o.palletCount}</td>
                    <td>
                      <Badge tone={o.status === "cancelled" ? "bad" : o.status === "delivered" ? "good" : "neutral"}>{o.status}</Badge>
                    </td>
                    <td>{formatDateTime(o.loadedAt)}</td>
                    <td>
                      <AdvanceOrderForm id={o.id} status={o.status} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>New order</CardTitle>
          </CardHeader>
          <CardContent>
            <DispatchOrderForm />
          </CardContent>
        </Card>
      </div>
    </>
  );
}
