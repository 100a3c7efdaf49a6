import Link from "next/link";
import { listFarms } from "@/db/repositories/farms";
import { CollectionForm } from "@/components/intake/collection-form";
import { Card, CardContent } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";

export const metadata = { title: "Receive a tanker" };
export const dynamic = "force-dynamic";

/** Full-screen form for the tablet at the intake bays. */
export default async function ReceiveTankerPage() {
  const farms = await listFarms();
  return (
    <div className="mx-auto max-w-lg">
      <PageHeader title="Receive a tanker" description="Enter the meter ticket once the tanker has discharged.">
        <Link href="/intake" className="text-sm text-sky-700 hover:underline">
          ← Intake log
        </Link>
      </PageHeader>
      <Card>
        <CardContent className="pt-5">
          <CollectionForm farms={farms.map(({ id, name, supplierCode }) => ({ id, name, supplierCode }))} />
        </CardContent>
      </Card>
    </div>
  );
}
