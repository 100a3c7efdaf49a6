import { expect, test as setup } from "@playwright/test";

const authFile = "e2e/.auth/operator.json";

setup("sign in as the e2e operator", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Work email").fill(process.env.E2E_OPERATOR_EMAIL ?? "operator@glenmore-creamery.ie");
  await page.getByLabel("Password").fill(process.env.E2E_OPERATOR_PASSWORD ?? "");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/intake$/);
  await page.context().storageState({ path: authFile });
});
