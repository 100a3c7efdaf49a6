import { expect, test } from "@playwright/test";

test.describe("farm register", () => {
  test("lists the seeded farms and finds one by supplier code", async ({ page }) => {
    await page.goto("/farms");
    await expect(page.getByRole("heading", { name: "Farms" })).toBeVisible();
    await expect(page.getByRole("cell", { name: "F-10231" })).toBeVisible();

    await page.getByPlaceholder("Search name or code").fill("Knockraha");
    await page.keyboard.press("Enter");
    await expect(page.getByRole("row")).toHaveCount(2); // header + one farm
    await expect(page.getByText("organic")).toBeVisible();
  });

  test("adds a new supplier", async ({ page }) => {
    const code = `F-9${String(Date.now()).slice(-4)}`;
    await page.goto("/farms");
    const form = page.getByRole("form", { name: "Add farm" });
    await form.getByLabel("Supplier code").fill(code);
    await form.getByLabel("Farm name").fill("Playwright Test Farm");
    await form.getByLabel("Herd size").fill("48");
    await form.getByRole("button", { name: "Add farm" }).click();
    await expect(page.getByText(`Playwright Test Farm (${code}) added.`)).toBeVisible();
    await expect(page.getByRole("cell", { name: code })).toBeVisible();
  });

  test("rejects a malformed supplier code", async ({ page }) => {
    await page.goto("/farms");
    const form = page.getByRole("form", { name: "Add farm" });
    await form.getByLabel("Supplier code").fill("10231");
    await form.getByLabel("Farm name").fill("Bad Code Farm");
    await form.getByRole("button", { name: "Add farm" }).click();
    await expect(page.getByText("Supplier codes look like F-10231")).toBeVisible();
  });
});
