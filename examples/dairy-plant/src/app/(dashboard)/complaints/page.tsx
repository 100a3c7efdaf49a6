import { revalidatePath } from "next/cache";
import { closeComplaint, createComplaint, listOpenComplaints } from "@/db/repositories/complaints";
import { Badge, Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Button } from "@/components/ui/button";
import { Input, Label, Select } from "@/components/ui/input";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth";
import { formatDateTime } from "@/lib/format";
import { complaintInput } from "@/lib/validation/quality";

export const metadata = { title: "Customer complaints" };
export const dynamic = "force-dynamic";

const SEVERITY_TONE = { low: "neutral", medium: "warn", high: "bad", critical: "bad" } as const;

export default async function ComplaintsPage() {
  const complaints = await listOpenComplaints();

  async function logComplaint(formData: FormData) {
    "use server";
    await requireUser();
    const raw = Object.fromEntries([...formData.entries()].filter(([, v]) => v !== ""));
    const parsed = complaintInput.safeParse(raw);
    if (!parsed.success) {
      throw new Error(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
    }
    await createComplaint(parsed.data);
    revalidatePath("/complaints");
  }

  async function close(formData: FormData) {
    "use server";
    await requireUser();
    await closeComplaint(String(formData.get("id")));
    revalidatePath("/complaints");
  }

  return (
    <>
      <PageHeader title="Customer complaints" description="Logged by customer services; investigated by QA." />
      <div className="grid grid-cols-3 gap-6">
        <Card className="col-span-2">
          <CardContent className="pt-5">
            <table className="data">
              <thead>
                <tr>
                  <th>Ref</th>
                  <th>Received</th>
                  <th>Customer</th>
                  <th>Product / batch</th>
                  <th>Category</th>
                  <th>Severity</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {complaints.map((c) => (
                  <tr key={c.id}>
                    <td className="font-mono">{c.reference}</td>
                    <td>{formatDateTime(c.receivedAt)}</td>
                    <td>{c.customerAccount ?? "consumer"}</td>
                    <td className="font-mono text-xs">
                      {c.productSku ?? "—"} {c.batchNumber ? `/ ${c.batchNumber}` : ""}
                    </td>
                    <td>{c.category.replace("_", " ")}</td>
                    <td>
                      <Badge tone={SEVERITY_TONE[c.severity]}>{c.severity}</Badge>
                    </td>
                    <td>
                      <form action={close}>
                        <input type="hidden" name="id" value={c.id} />
                        <button className="text-xs text-sky-700 hover:underline">Close</button>
                      </form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {complaints.length === 0 ? <p className="py-6 text-center text-sm text-slate-500">No open complaints.</p> : null}
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Log a complaint</CardTitle>
          </CardHeader>
          <CardContent>
            <form action={logComplaint} className="flex flex-col gap-3">
              <div className="grid grid-cols-2 gap-3">
                <div className="flex flex-col gap-1">
                  <Label htmlFor="customerAccount">Customer account</Label>
                  <Input id="customerAccount" name="customerAccount" />
                </div>
                <div className="flex flex-col gap-1">
                  <Label htmlFor="productSku">SKU</Label>
                  <Input id="productSku" name="productSku" />
                </div>
              </div>
              <div className="flex flex-col gap-1">
                <Label htmlFor="batchNumber">Batch / best-before code</Label>
                <Input id="batchNumber" name="batchNumber" />
              </div>
              <div className="grid grid-cols-2 gap-3">
                <div className="flex flex-col gap-1">
                  <Label htmlFor="category">Category</Label>
                  <Select id="category" name="category">
                    <option value="foreign_body">Foreign body</option>
                    <option value="taste">Taste / odour</option>
                    <option value="packaging">Packaging</option>
                    <option value="illness">Illness</option>
                    <option value="other">Other</option>
                  </Select>
                </div>
                <div className="flex flex-col gap-1">
                  <Label htmlFor="severity">Severity</Label>
                  <Select id="severity" name="severity" defaultValue="low">
                    <option>low</option>
                    <option>medium</option>
                    <option>high</option>
                    <option>critical</option>
                  </Select>
                </div>
              </div>
              <div className="flex flex-col gap-1">
                <Label htmlFor="description">What happened</Label>
                <textarea id="description" name="description" rows={4} className="rounded-md border border-slate-300 p-2 text-sm" required />
              </div>
              <Button type="submit">Log complaint</Button>
            </form>
          </CardContent>
        </Card>
      </div>
    </>
  );
}
