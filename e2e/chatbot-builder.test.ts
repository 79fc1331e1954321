import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, screenshotOnFailure } from './support/browser.js';
import { OWNER_EMAIL, OWNER_PASSWORD, ParleyProcess } from './support/parley-process.js';

/** The chatbot builder in Chromium: create, see problems, publish a version, preview, activate. */
describe('chatbot builder', () => {
  let parley: ParleyProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    parley = await ParleyProcess.start();
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await page.goto(`${parley.url}/app/`);
    await page.locator('input[name="email"]').fill(OWNER_EMAIL);
    await page.locator('input[name="password"]').fill(OWNER_PASSWORD);
    await page.locator('button[type="submit"]').click();
    await page.locator('[data-testid="filter-open"]').waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await parley?.stop();
  });
  screenshotOnFailure({ builder: () => page });

  it('creates a chatbot with a publishable starter flow and publishes version 1', async () => {
    await page.goto(`${parley.url}/app/chatbots`);
    await page.locator('[data-testid="new-chatbot"]').click();
    await page.locator('input[name="chatbot-name"]').fill('Welcome bot');
    await page.locator('[data-testid="create-chatbot"]').click();
    await page.locator('[data-testid="builder-node"]').first().waitFor();
    expect(await page.locator('[data-testid="builder-node"]').count()).toBeGreaterThan(2);
    expect(await page.locator('[data-testid="problem"]').count()).toBe(0);

    await page.locator('[data-testid="publish"]').click();
    await page.locator('[data-testid="version-badge"]').filter({ hasText: '1' }).waitFor();
  });

  it('shows problems on a new unconnected step and refuses to publish them', async () => {
    const before = await page.locator('[data-testid="builder-node"]').count();
    await page.locator('[data-testid="add-question"]').click();
    await expect.poll(() => page.locator('[data-testid="builder-node"]').count()).toBe(before + 1);
    const problem = page.locator('[data-testid="problem"]').first();
    await problem.waitFor();
    const nodeId = await problem.getAttribute('data-node-id');
    expect(nodeId).toBeTruthy();
    await page.locator(`[data-testid="builder-node"][data-node-id="${nodeId}"]`).waitFor();

    await page.locator('[data-testid="publish"]').click();
    await page.locator('[data-testid="builder-flash"]').filter({ hasText: /problem/i }).waitFor();
    // Still version 1 on the server.
    const versions = await page.evaluate(async (url) => {
      const list = await (await fetch(`${url}/api/v1/chatbots`)).json();
      const id = list.chatbots[0].id as string;
      return (await (await fetch(`${url}/api/v1/chatbots/${id}/versions`)).json()).versions.length as number;
    }, parley.url);
    expect(versions).toBe(1);
  });

  it('previews the flow in the browser without the server', async () => {
    const preview = page.locator('[data-testid="preview"]');
    await preview.waitFor();
    const restart = page.locator('[data-testid="preview-restart"]');
    if (await restart.isVisible()) await restart.click();
    await page.locator('[data-testid="preview-message"]').first().waitFor();
    const messagesBefore = await page.locator('[data-testid="preview-message"]').count();
    await page.locator('[data-testid="preview-button"]').first().click();
    await expect.poll(() => page.locator('[data-testid="preview-message"]').count()).toBeGreaterThan(messagesBefore);
  });

  it('activates the published chatbot', async () => {
    await page.goto(`${parley.url}/app/chatbots`);
    const status = page.locator('[data-testid="chatbot-item"] [data-testid="chatbot-status"]').first();
    await status.waitFor();
    expect(await status.getAttribute('data-status')).toBe('inactive');
    await status.click();
    await page.locator('[data-testid="chatbot-item"] [data-testid="chatbot-status"][data-status="active"]').waitFor();
  });
});
