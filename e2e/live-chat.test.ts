import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import WebSocket from 'ws';
import { launchChromium, screenshotOnFailure } from './support/browser.js';
import { OWNER_EMAIL, OWNER_PASSWORD, ParleyProcess } from './support/parley-process.js';

/**
 * The end-to-end story, in real Chromium against the real server on SQLite:
 * a visitor writes from /demo, an agent in /app sees it live and replies, the visitor
 * sees the reply, reloads and keeps the transcript; the server restarts mid-conversation
 * and nothing is lost or duplicated on either side.
 */
describe('live chat between the widget and the inbox', () => {
  let parley: ParleyProcess;
  let browser: Browser;
  let visitorContext: BrowserContext;
  let agentContext: BrowserContext;
  let visitor: Page;
  let agent: Page;

  beforeAll(async () => {
    parley = await ParleyProcess.start();
    browser = await launchChromium();
    visitorContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    agentContext = await browser.newContext({ viewport: { width: 1400, height: 860 } });
    visitor = await visitorContext.newPage();
    agent = await agentContext.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await parley?.stop();
  });
  screenshotOnFailure({ visitor: () => visitor, agent: () => agent });

  const widget = (page: Page) => page.locator('#parley-widget');
  const visitorMessages = () => widget(visitor).locator('[data-testid="message"]');
  const agentMessages = () => agent.locator('[data-testid="message"]');

  async function visitorSends(text: string) {
    const composer = widget(visitor).locator('textarea[data-testid="composer"]');
    await composer.fill(text);
    await composer.press('Enter');
  }

  async function agentSends(text: string) {
    const composer = agent.locator('textarea[data-testid="composer"]');
    await composer.fill(text);
    await composer.press('Enter');
  }

  it('shows a new visitor conversation live in the inbox, and the reply in the widget', async () => {
    await agent.goto(`${parley.url}/app/`);
    await agent.locator('input[name="email"]').fill(OWNER_EMAIL);
    await agent.locator('input[name="password"]').fill(OWNER_PASSWORD);
    await agent.locator('button[type="submit"]').click();
    await agent.locator('[data-testid="filter-open"]').waitFor();
    await expect(agent.locator('[data-testid="conversation-item"]').count()).resolves.toBe(0);

    await visitor.goto(`${parley.url}/demo`);
    await widget(visitor).locator('[data-testid="launcher"]').click();
    await widget(visitor).locator('[data-testid="window"]').waitFor();
    await visitorSends('Hi! Do you ship beans to Norway?');
    await widget(visitor).locator('[data-testid="message"][data-author-type="visitor"][data-status="sent"]').waitFor();

    // Appears without a reload, with an unread badge.
    const item = agent.locator('[data-testid="conversation-item"]').first();
    await item.waitFor({ timeout: 10_000 });
    await expect(item.locator('[data-testid="unread"]').textContent()).resolves.toContain('1');
    await item.click();
    await agentMessages().filter({ hasText: 'Hi! Do you ship beans to Norway?' }).waitFor();
    await agent.locator('[data-testid="visitor-panel"]').filter({ hasText: '/demo' }).waitFor();

    await agentSends('Yes — 3 to 5 working days to Oslo.');
    await widget(visitor).locator('[data-testid="message"][data-author-type="agent"]').filter({ hasText: '3 to 5 working days' }).waitFor();
    await agentMessages().filter({ hasText: '3 to 5 working days' }).waitFor();
  });

  it('keeps the transcript when the visitor reloads the page', async () => {
    await visitor.reload();
    const launcher = widget(visitor).locator('[data-testid="launcher"]');
    await launcher.waitFor();
    if (!(await widget(visitor).locator('[data-testid="window"]').isVisible())) await launcher.click();
    await visitorMessages().filter({ hasText: '3 to 5 working days' }).waitFor();
    expect(await visitorMessages().allTextContents()).toHaveLength(2);
  });

  it('loses and duplicates nothing when the server restarts mid-conversation', async () => {
    await parley.stop();
    // Written while the server is down: waits in the outbox.
    await visitorSends('Great, and do you grind them?');
    await widget(visitor).locator('[data-testid="message"][data-status="pending"]').filter({ hasText: 'do you grind them' }).waitFor();
    await parley.start();

    await widget(visitor).locator('[data-testid="message"][data-status="sent"]').filter({ hasText: 'do you grind them' }).waitFor({ timeout: 30_000 });
    await agentMessages().filter({ hasText: 'do you grind them' }).waitFor({ timeout: 30_000 });

    // The agent answers over the reconnected inbox socket.
    await agentSends('We grind to order, any size.');
    await widget(visitor).locator('[data-testid="message"][data-author-type="agent"]').filter({ hasText: 'grind to order' }).waitFor({ timeout: 15_000 });

    const expected = ['Hi! Do you ship beans to Norway?', 'Yes — 3 to 5 working days to Oslo.', 'Great, and do you grind them?', 'We grind to order, any size.'];
    const texts = async (locator: ReturnType<typeof agentMessages>) => (await locator.allTextContents()).map((t) => t.trim());
    for (const list of [await texts(visitorMessages()), await texts(agentMessages())]) {
      for (const text of expected) expect(list.filter((t) => t.includes(text)), text).toHaveLength(1);
    }
    const seqs = await visitorMessages().evaluateAll((els) => els.map((e) => e.getAttribute('data-seq')));
    expect(seqs).toEqual(['1', '2', '3', '4']);
  });

  it('refuses a message over 4 000 characters with a visible error and keeps the text', async () => {
    const composer = widget(visitor).locator('textarea[data-testid="composer"]');
    const long = 'a'.repeat(4001);
    const before = await visitorMessages().count();
    await composer.fill(long);
    await composer.press('Enter');
    await widget(visitor).locator('[data-testid="error"]').filter({ hasText: '4000' }).waitFor();
    expect(await composer.inputValue()).toBe(long);
    expect(await visitorMessages().count()).toBe(before);
  });

  it('lets the agent tag the conversation and filter the inbox by that tag', async () => {
    // A second visitor writes, without the tag.
    const key = /data-key="([^"]+)"/.exec(await (await fetch(`${parley.url}/demo`)).text())![1]!;
    const session = await (
      await fetch(`${parley.url}/api/v1/widget/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: parley.url },
        body: JSON.stringify({ websiteKey: key, page: { url: `${parley.url}/demo`, title: 'Demo', referrer: '' } }),
      })
    ).json();
    const socket = new WebSocket(`${parley.url.replace('http', 'ws')}/ws/visitor?token=${session.token}`, { origin: parley.url });
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify({ type: 'message.send', clientId: 'second-visitor-1', text: 'Do you sell gift cards?' }));
    await expect.poll(() => agent.locator('[data-testid="conversation-item"]').count()).toBe(2);
    socket.close();

    const input = agent.locator('input[data-testid="add-tag"]');
    await input.fill('shipping');
    await input.press('Enter');
    await agent.locator('[data-testid="tag"][data-tag="shipping"]').waitFor();
    await agent.locator('[data-testid="filter-tag"]').selectOption('shipping');
    await agent.waitForURL(/tag=shipping/);
    await expect.poll(() => agent.locator('[data-testid="conversation-item"]').count()).toBe(1);
  });
});
