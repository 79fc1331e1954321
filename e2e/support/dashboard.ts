import type { Page } from 'playwright-core';
import { OWNER_EMAIL, OWNER_PASSWORD } from './parley-process.js';

/** Signs the demo owner in to the dashboard and waits for the inbox. */
export async function signInToDashboard(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/app/`);
  await page.locator('input[name="email"]').fill(OWNER_EMAIL);
  await page.locator('input[name="password"]').fill(OWNER_PASSWORD);
  await page.locator('button[type="submit"]').click();
  await page.locator('[data-testid="filter-open"]').waitFor();
}
