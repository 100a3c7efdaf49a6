import { expect, test } from "@playwright/test";

// TODO: cover the CIP board (cip_cycles) once the PLC simulator runs in CI.

test.describe("lab", () => {
  test("shows the seeded silo samples", async ({ page }) => {
    await page.goto("/lab/samples");
    const table = page.getByRole("table", { name: "Samples" });
    await expect(table).toContainText("S24-0412-SILO01");
    await expect(table.getByText("failed")).toBeVisible();
  });

  test("the v1 API returns the same samples to machine clients", async ({ request }) => {
    const res = await request.get("/api/v1/lab/samples", {
      headers: { authorization: `Bearer ${process.env.E2E_API_TOKEN}` },
      params: { status: "tested,failed" },
    });
    expect(res.status()).toBe(200);
    const body = (await res.json()) as { data: { sampleCode: string }[] };
    expect(body.data.map((s) => s.sampleCode)).toContain("S24-0412-SILO01");
  });

  test("the v1 API refuses a request without a token", async ({ request }) => {
    const res = await request.get("/api/v1/lab/samples");
    expect(res.status()).toBe(401);
  });
});
