import { expect, test } from "@playwright/test";

test.describe("production batches", () => {
  test("plans a batch and opens its record", async ({ page }) => {
    await page.goto("/batches");
    const batchNumber = `B99-${String(Date.now()).slice(-4)}-01`;
    const form = page.getByRole("form", { name: "Plan batch" });
    await form.getByLabel("Batch number").fill(batchNumber);
    await form.getByLabel("Product SKU").fill("GM-WM-2L");
    await form.getByLabel("Planned volume (L)").fill("12000");
    await form.getByRole("button", { name: "Plan batch" }).click();

    await expect(page).toHaveURL(new RegExp(`/batches/${batchNumber}$`));
    await expect(page.getByRole("heading", { name: `Batch ${batchNumber}` })).toBeVisible();
  });

  test("a seeded batch on hold cannot be released by an operator", async ({ page }) => {
    const batchNumber = "B24-0413-01";
    await page.goto(`/batches/${batchNumber}`);
    await expect(page.getByText("Status: on hold")).toBeVisible();
    await page.getByLabel("Move to").selectOption("released");
    await page.getByRole("button", { name: "Update" }).click();
    await expect(page.getByText("Only QA can release a batch.")).toBeVisible();
  });
});
