import { listProducts } from "@/db/repositories/products";
import { ProductForm } from "@/components/products/product-form";
import { Badge, Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { createProductAction, discontinueProductAction } from "./actions";

export const metadata = { title: "Products" };
export const dynamic = "force-dynamic";

export default async function ProductsPage() {
  const products = await listProducts({ includeInactive: true });
  return (
    <>
      <PageHeader title="Products" description="Finished-goods catalogue. The ERP item master is imported nightly." />
      <div className="grid grid-cols-3 gap-6">
        <Card className="col-span-2">
          <CardContent className="pt-5">
            <table className="data">
              <thead>
                <tr>
                  <th>SKU</th>
                  <th>Name</th>
                  <th>Pack</th>
                  <th>GTIN</th>
                  <th className="text-right">Shelf life</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {products.map((p) => (
                  <tr key={p.id} className={p.active ? undefined : "text-slate-400"}>
                    <td className="font-mono">{p.sku}</td>
                    <td>
                      {p.name} <Badge>{p.category}</Badge>
                    </td>
                    <td>{p.packSize}</td>
                    <td className="font-mono">{p.gtin ?? "—"}</td>
                    <td className="text-right">{p.shelfLifeDays} d</td>
                    <td className="text-right">
                      {p.active ? (
                        <form action={discontinueProductAction.bind(null, p.sku)}>
                          <button className="text-xs text-red-700 hover:underline">Discontinue</button>
                        </form>
                      ) : (
                        <Badge tone="warn">discontinued</Badge>
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
            <CardTitle>New product</CardTitle>
          </CardHeader>
          <CardContent>
            <ProductForm action={createProductAction} />
          </CardContent>
        </Card>
      </div>
    </>
  );
}
