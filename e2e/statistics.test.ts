import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { signInToDashboard } from './support/dashboard.js';
import { ARTIFACTS, launchChromium, screenshotOnFailure } from './support/browser.js';
import { ParleyProcess } from './support/parley-process.js';
import { ownerCookie, publishActiveChatbot, restClient } from './support/rest-api.js';

/**
 * The seed's two live examples in Chromium, through the real widget on /demo:
 * a visitor clicks through the chatbot and closes the chat box (a chatbot
 * conversation, "Joined by chatbot", Resolved by chatbot); another ignores the
 * buttons and types (a normal conversation, Escalated to human). Then the inbox
 * label and its filter, the statistics page and the insights on the flow graph.
 */

const widget = (page: Page) => page.locator('#parley-widget');

const FLOW = {
  schemaVersion: 1,
  startNodeId: 'welcome',
  defaultLanguage: 'en',
  nodes: {
    welcome: { kind: 'message', text: 'Hi! I am the shop bot.', next: 'menu' },
    menu: {
      kind: 'buttons',
      text: 'How can I help?',
      choices: [
        { id: 'pricing', label: 'Pricing', next: 'price' },
        { id: 'shipping', label: 'Shipping', next: 'ship' },
      ],
    },
    price: { kind: 'message', text: 'Plans start at 10 EUR a month.', next: 'more' },
    ship: { kind: 'message', text: 'We ship within two days.', next: 'more' },
    more: {
      kind: 'buttons',
      text: 'Anything else?',
      choices: [
        { id: 'another', label: 'Another question', next: 'menu' },
        { id: 'done', label: 'No, thanks', next: 'bye' },
      ],
    },
    bye: { kind: 'end' },
  },
};

describe("the seed's two examples, seen in the inbox and the statistics", () => {
  let parley: ParleyProcess;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let agent: Page | undefined;
  let visitor: Page | undefined;
  let chatbotId = '';

  async function newVisitor(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${parley.url}/demo`);
    await widget(page).locator('[data-testid="launcher"]').click();
    await widget(page).locator('[data-testid="window"]').waitFor();
    await widget(page).locator('button[data-choice-id="pricing"]').waitFor();
    return page;
  }

  beforeAll(async () => {
    parley = await ParleyProcess.start();
    browser = await launchChromium();
    chatbotId = await publishActiveChatbot(restClient(parley.url, await ownerCookie(parley.url)), 'Shop bot', FLOW);
  });
  afterAll(async () => {
    await browser?.close();
    await parley?.stop();
  });
  screenshotOnFailure({ agent: () => agent, visitor: () => visitor });

  it('a visitor clicks through the buttons, finds the answer and closes the chat box', async () => {
    visitor = await newVisitor();
    await widget(visitor).locator('button[data-choice-id="pricing"]').click();
    await widget(visitor).locator('[data-testid="message"][data-author-type="chatbot"]').filter({ hasText: 'Plans start at 10 EUR a month.' }).waitFor();
    await widget(visitor).locator('button[data-choice-id="done"]').waitFor();
    await widget(visitor).locator('[data-testid="minimize"]').click();
    await widget(visitor).locator('[data-testid="window"]').waitFor({ state: 'hidden' });
  });

  it('another visitor ignores the buttons and types a message', async () => {
    visitor = await newVisitor();
    const composer = widget(visitor).locator('textarea[data-testid="composer"]');
    await composer.fill('Can I talk to someone about an order?');
    await composer.press('Enter');
    await widget(visitor).locator('[data-testid="message"][data-author-type="visitor"]').filter({ hasText: 'Can I talk to someone' }).waitFor();
  });

  it('labels only the chatbot conversation "Joined by chatbot" in the inbox, and filters by it', async () => {
    const context = await browser.newContext({ viewport: { width: 1500, height: 950 } });
    contexts.push(context);
    agent = await context.newPage();
    await signInToDashboard(agent, parley.url);
    const items = agent.locator('[data-testid="conversation-item"]');
    await expect.poll(() => items.count(), { timeout: 10_000 }).toBe(2);
    const typed = items.filter({ hasText: 'Can I talk to someone' });
    const clicked = items.filter({ hasNotText: 'Can I talk to someone' });
    await clicked.locator('[data-testid="label-joined-by-chatbot"]').waitFor();
    expect(await typed.locator('[data-testid="label-joined-by-chatbot"]').count()).toBe(0);
    await agent.screenshot({ path: ARTIFACTS + 'statistics-inbox-labels.png' }).catch(() => undefined);

    await agent.locator('[data-testid="filter-joined-by-chatbot"]').click();
    await expect.poll(() => items.count(), { timeout: 10_000 }).toBe(1);
    await items.first().locator('[data-testid="label-joined-by-chatbot"]').waitFor();
  });

  it('counts one chatbot conversation resolved by the chatbot and one normal conversation escalated to a human', async () => {
    const page = agent!;
    const number = async (testId: string) => {
      const text = (await page.locator(`[data-testid="${testId}"]`).first().textContent()) ?? '';
      return Number(/-?\d+/.exec(text.replace(/[\s,]/g, ''))?.[0] ?? NaN);
    };
    // The aggregates follow the records within about a second: reload until they have.
    await expect
      .poll(
        async () => {
          await page.goto(`${parley.url}/app/statistics`);
          await page.locator('[data-testid="stat-conversations"]').waitFor();
          return number('stat-conversations');
        },
        { timeout: 15_000, interval: 500 },
      )
      .toBe(2);
    expect(await number('stat-chatbot-conversations')).toBe(1);
    expect(await number('stat-normal-conversations')).toBe(1);
    expect(await number('stat-resolved')).toBe(1);
    expect(await number('stat-escalated')).toBe(1);
    await page.locator('[data-testid="statistics-chart"]').waitFor();
    await page.screenshot({ path: ARTIFACTS + 'statistics-page.png', fullPage: true }).catch(() => undefined);
  });

  it('draws on the flow graph how visitors moved through the chatbot', async () => {
    const page = agent!;
    await page.goto(`${parley.url}/app/chatbots/${chatbotId}/insights`);
    const menu = page.locator('[data-testid="insights-node-menu"]');
    await menu.waitFor({ timeout: 10_000 });
    expect(await menu.getAttribute('data-reached')).toBe('2');
    expect(await page.locator('[data-testid="insights-node-more"]').getAttribute('data-reached')).toBe('1');
    expect(await page.locator('[data-testid="insights-node-more"]').getAttribute('data-dropped-off')).toBe('1');
    expect(await page.locator('[data-testid="insights-choice-menu-pricing"]').getAttribute('data-chosen')).toBe('1');
    expect(await page.locator('[data-testid="insights-choice-menu-shipping"]').getAttribute('data-chosen')).toBe('0');
    await page.screenshot({ path: ARTIFACTS + 'statistics-insights.png', fullPage: true }).catch(() => undefined);
  });
});
