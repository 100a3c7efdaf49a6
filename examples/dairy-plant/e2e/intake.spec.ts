import { expect, test } from "@playwright/test";

// The bay kiosk is the only intake screen operators touch during a collection, so that is what we drive.
test.describe("milk intake kiosk", () => {
  test.beforeEach(async ({ page }) => {
    await page.goto("/intake/new");
  });

  test("receives a tanker", async ({ page }) => {
    const docket = `DK-E2E-${Date.now()}`;
    const form = page.getByRole("form", { name: "Record collection" });
    await form.getByLabel("Docket no.").fill(docket);
    await form.getByLabel("Farm").selectOption({ label: "F-10231 — Ballinacurra Farm" });
    await form.getByLabel("Volume (L)").fill("7200");
    await form.getByLabel("Temp (°C)").fill("3.8");
    await form.getByLabel("Collected at").fill("2024-04-14T05:30");
    await form.getByRole("button", { name: "Receive milk" }).click();

    await expect(page.getByRole("status")).toHaveText(`Docket ${docket} received: 7,200 L.`);
    await expect(form.getByLabel("Docket no.")).toHaveValue("");
  });

  test("refuses warm milk at the form", async ({ page }) => {
    const form = page.getByRole("form", { name: "Record collection" });
    await form.getByLabel("Docket no.").fill(`DK-WARM-${Date.now()}`);
    await form.getByLabel("Farm").selectOption({ index: 1 });
    await form.getByLabel("Volume (L)").fill("5000");
    await form.getByLabel("Temp (°C)").fill("8.2");
    await form.getByLabel("Collected at").fill("2024-04-14T05:30");
    await form.getByRole("button", { name: "Receive milk" }).click();
    await expect(page.getByText("Milk above 6 °C must be rejected at intake")).toBeVisible();
  });

  test("a duplicate docket number is refused", async ({ page }) => {
    const form = page.getByRole("form", { name: "Record collection" });
    await form.getByLabel("Docket no.").fill("DK-10231-00");
    await form.getByLabel("Farm").selectOption({ index: 1 });
    await form.getByLabel("Volume (L)").fill("7000");
    await form.getByLabel("Temp (°C)").fill("3.5");
    await form.getByLabel("Collected at").fill("2024-04-14T05:30");
    await form.getByRole("button", { name: "Receive milk" }).click();
    await expect(page.getByText("A record with that number already exists.")).toBeVisible();
  });
});
