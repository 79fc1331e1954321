import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEFAULT_PLAN_CATALOGUE } from '@parley/core';
import { signInToDashboard } from './support/dashboard.js';
import { ARTIFACTS, launchChromium, screenshotOnFailure } from './support/browser.js';
import { ParleyProcess } from './support/parley-process.js';
import { ownerCookie, publishActiveChatbot, restClient } from './support/rest-api.js';

/**
 * The monthly limit in Chromium: two visitors use up a limit of 2 through the
 * real widget; the chatbot dashboard shows 0 left and the warning; a new
 * visitor gets no chatbot but can still write to the team; the owner buys a
 * package in the billing section and the chatbot is back for the next visitor.
 */

const widget = (page: Page) => page.locator('#parley-widget');

const FLOW = {
  schemaVersion: 1,
  startNodeId: 'welcome',
  defaultLanguage: 'en',
  nodes: {
    welcome: { kind: 'message', text: 'Hi! I am the shop bot.', next: 'menu' },
    menu: { kind: 'buttons', text: 'How can I help?', choices: [{ id: 'pricing', label: 'Pricing', next: 'price' }] },
    price: { kind: 'message', text: 'Plans start at 10 EUR a month.', next: 'bye' },
    bye: { kind: 'end' },
  },
};

describe('the monthly chatbot-conversation limit', () => {
  let parley: ParleyProcess;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let agent: Page | undefined;
  let visitor: Page | undefined;

  async function newVisitor(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${parley.url}/demo`);
    await widget(page).locator('[data-testid="launcher"]').waitFor();
    return page;
  }

  async function openBox(page: Page) {
    await widget(page).locator('[data-testid="launcher"]').click();
    await widget(page).locator('[data-testid="window"]').waitFor();
  }

  beforeAll(async () => {
    // The demo workspace's plan (EXPERT) includes 2 chatbot conversations here.
    const plans = DEFAULT_PLAN_CATALOGUE.plans.map((p) => (p.code === 'EXPERT' ? { ...p, includedChatbotConversations: 2 } : p));
    const file = join(mkdtempSync(join(tmpdir(), 'parley-plans-')), 'plans.json');
    writeFileSync(file, JSON.stringify({ plans: { plans } }));
    parley = await ParleyProcess.start({ PARLEY_PLANS_FILE: file });
    browser = await launchChromium();
    await publishActiveChatbot(restClient(parley.url, await ownerCookie(parley.url)), 'Shop bot', FLOW);
  });
  afterAll(async () => {
    await browser?.close();
    await parley?.stop();
  });
  screenshotOnFailure({ agent: () => agent, visitor: () => visitor });

  it('two visitors click through the chatbot: both chatbot conversations are counted', async () => {
    for (let i = 0; i < 2; i++) {
      visitor = await newVisitor();
      await openBox(visitor);
      await widget(visitor).locator('button[data-choice-id="pricing"]').click();
      await widget(visitor).locator('[data-testid="message"][data-author-type="chatbot"]').filter({ hasText: 'Plans start at 10 EUR a month.' }).waitFor();
    }
  });

  it('the chatbot dashboard shows 0 left and the warning', async () => {
    const context = await browser.newContext({ viewport: { width: 1500, height: 950 } });
    contexts.push(context);
    agent = await context.newPage();
    await signInToDashboard(agent, parley.url);
    await agent.goto(`${parley.url}/app/chatbots`);
    const panel = agent.locator('[data-testid="usage-panel"]');
    await panel.waitFor();
    await expect.poll(() => panel.getAttribute('data-remaining')).toBe('0');
    expect(await panel.getAttribute('data-limit')).toBe('2');
    expect(await panel.getAttribute('data-warning')).toBe('100');
    expect(await agent.locator('[data-testid="usage-text"]').textContent()).toMatch(/^0 of 2 left, renews on /);
    await agent.locator('[data-testid="usage-warning-banner"][data-level="100"]').waitFor();
    await agent.screenshot({ path: ARTIFACTS + 'billing-limit-reached.png' }).catch(() => undefined);
  });

  it('a new visitor gets no chatbot but can still write to the team', async () => {
    visitor = await newVisitor();
    expect(await widget(visitor).locator('[data-parley-teaser]').count()).toBe(0);
    await openBox(visitor);
    const composer = widget(visitor).locator('textarea[data-testid="composer"]');
    await composer.fill('Is anyone there?');
    await composer.press('Enter');
    await widget(visitor).locator('[data-testid="message"][data-author-type="visitor"]').filter({ hasText: 'Is anyone there?' }).waitFor();
    // The team has it in the inbox…
    await agent!.goto(`${parley.url}/app/`);
    await agent!.locator('[data-testid="conversation-item"]').filter({ hasText: 'Is anyone there?' }).waitFor({ timeout: 10_000 });
    // …and no chatbot ever spoke to this visitor.
    expect(await widget(visitor).locator('[data-testid="message"][data-author-type="chatbot"]').count()).toBe(0);
  });

  it('the owner buys a package in billing and the chatbot is back for the next visitor', async () => {
    const page = agent!;
    await page.goto(`${parley.url}/app/billing`);
    await page.locator('[data-testid="package-offer"]').selectOption('chatbot_conversations_100');
    await page.locator('[data-testid="package-quantity"]').fill('1');
    await page.locator('[data-testid="package-buy"]').click();
    await page.locator('[data-testid="package-row"][data-offer="chatbot_conversations_100"][data-active="true"]').waitFor();
    await page.locator('[data-testid="billing-record-row"]').first().waitFor();
    await page.screenshot({ path: ARTIFACTS + 'billing-section.png', fullPage: true }).catch(() => undefined);
    await page.goto(`${parley.url}/app/chatbots`);
    await expect.poll(() => page.locator('[data-testid="usage-panel"]').getAttribute('data-remaining'), { timeout: 10_000 }).toBe('100');

    visitor = await newVisitor();
    await widget(visitor).locator('[data-parley-teaser]').filter({ hasText: 'Hi! I am the shop bot.' }).waitFor();
    await openBox(visitor);
    await widget(visitor).locator('button[data-choice-id="pricing"]').waitFor();
  });
});
