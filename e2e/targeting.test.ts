import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { signInToDashboard } from './support/dashboard.js';
import { ARTIFACTS, launchChromium, screenshotOnFailure } from './support/browser.js';
import { ParleyProcess } from './support/parley-process.js';
import { ownerCookie, publishActiveChatbot, restClient, type RestCall } from './support/rest-api.js';

/**
 * Targeting in Chromium through the real widget on the demo pages: a time and
 * URL rule, scroll and exit-intent triggers, priority, and the debugger.
 */
const widget = (page: Page) => page.locator('#parley-widget');

function flow(text: string) {
  return {
    schemaVersion: 1,
    startNodeId: 'hello',
    defaultLanguage: 'en',
    nodes: {
      hello: { kind: 'message', text, next: 'menu' },
      menu: { kind: 'buttons', text: 'Can I help?', choices: [{ id: 'yes', label: 'Yes please', next: 'bye' }] },
      bye: { kind: 'end' },
    },
  };
}

describe('chatbot targeting in the widget', () => {
  let parley: ParleyProcess;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let page: Page | undefined;
  let agent: Page | undefined;
  const bots: string[] = [];

  let rest: RestCall;

  /** Publishes and activates a chatbot with this targeting; every other chatbot is deactivated first. */
  async function onlyBots(...specs: { name: string; text: string; targeting: unknown; priority?: number }[]) {
    for (const id of bots) await rest('PATCH', `/chatbots/${id}`, { status: 'inactive' });
    const ids: string[] = [];
    for (const spec of specs) {
      const id = await publishActiveChatbot(rest, spec.name, flow(spec.text), { targeting: spec.targeting, priority: spec.priority ?? 0 });
      bots.push(id);
      ids.push(id);
    }
    return ids;
  }

  /** A new visitor (own storage) on a demo page; counts the trigger requests it makes. */
  async function visit(path: string) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
    contexts.push(context);
    const p = await context.newPage();
    const triggers: string[] = [];
    p.on('request', (request) => {
      if (request.url().endsWith('/api/v1/widget/trigger')) triggers.push(request.postData() ?? '');
    });
    page = p;
    await p.goto(`${parley.url}${path}`);
    await widget(p).locator('[data-testid="launcher"]').waitFor();
    return { page: p, triggers };
  }

  beforeAll(async () => {
    parley = await ParleyProcess.start();
    browser = await launchChromium();
    rest = restClient(parley.url, await ownerCookie(parley.url));
  });
  afterAll(async () => {
    await browser?.close();
    await parley?.stop();
  });
  screenshotOnFailure({ visitor: () => page, agent: () => agent });

  it('fires "URL contains /pricing" after 3 s on /demo/pricing, and not on /demo', async () => {
    await onlyBots({
      name: 'Pricing helper',
      text: 'Questions about our plans?',
      targeting: {
        trigger: { kind: 'time_on_page', seconds: 3 },
        conditions: { kind: 'group', match: 'all', conditions: [{ kind: 'condition', field: 'page_url', operator: 'contains', value: '/pricing' }] },
      },
    });
    const home = await visit('/demo');
    await home.page.waitForTimeout(4500);
    expect(await widget(home.page).locator('[data-parley-teaser]').count()).toBe(0);
    expect(home.triggers).toEqual([]);

    const pricing = await visit('/demo/pricing');
    const started = Date.now();
    await widget(pricing.page).locator('[data-parley-teaser]').filter({ hasText: 'Questions about our plans?' }).waitFor({ timeout: 10_000 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
    expect(pricing.triggers).toHaveLength(1);
    // Clicking the bubble opens the chatbot with its buttons.
    await widget(pricing.page).locator('[data-parley-teaser-open]').click();
    await widget(pricing.page).locator('button[data-choice-id="yes"]').waitFor();
  });

  it('fires a scroll trigger when the visitor scrolls far enough', async () => {
    await onlyBots({ name: 'Scroll bot', text: 'Still reading? Ask us anything.', targeting: { trigger: { kind: 'scroll', percent: 60 } } });
    const { page: p } = await visit('/demo');
    await p.waitForTimeout(1000);
    expect(await widget(p).locator('[data-parley-teaser]').count()).toBe(0);
    await p.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await widget(p).locator('[data-parley-teaser]').filter({ hasText: 'Still reading?' }).waitFor({ timeout: 10_000 });
  });

  it('fires an exit-intent trigger when the pointer leaves towards the tabs', async () => {
    await onlyBots({ name: 'Exit bot', text: 'Leaving already? Here is 10 % off.', targeting: { trigger: { kind: 'exit_intent' } } });
    const { page: p } = await visit('/demo');
    await p.waitForTimeout(1000);
    await p.mouse.move(600, 300);
    await p.mouse.move(600, 5, { steps: 5 });
    await p.evaluate(() => document.dispatchEvent(new MouseEvent('mouseout', { clientX: 600, clientY: 0, bubbles: true })));
    await widget(p).locator('[data-parley-teaser]').filter({ hasText: 'Leaving already?' }).waitFor({ timeout: 10_000 });
  });

  it('starts only the higher priority of two matching chatbots', async () => {
    await onlyBots(
      { name: 'Low', text: 'Low priority greeting', targeting: { trigger: { kind: 'time_on_page', seconds: 1 } }, priority: 1 },
      { name: 'High', text: 'High priority greeting', targeting: { trigger: { kind: 'time_on_page', seconds: 1 } }, priority: 9 },
    );
    const { page: p } = await visit('/demo');
    await widget(p).locator('[data-parley-teaser]').filter({ hasText: 'High priority greeting' }).waitFor({ timeout: 10_000 });
    await p.waitForTimeout(1500);
    expect(await widget(p).locator('[data-parley-teaser]').filter({ hasText: 'Low priority greeting' }).count()).toBe(0);
  });

  it('is set up through the settings page, and the debugger explains why a chatbot would not start', async () => {
    const [id] = await onlyBots({ name: 'Settings bot', text: 'Configured in the UI', targeting: { trigger: { kind: 'chat_opened' } } });
    const context = await browser.newContext({ viewport: { width: 1500, height: 950 } });
    contexts.push(context);
    agent = await context.newPage();
    await signInToDashboard(agent, parley.url);

    await agent.goto(`${parley.url}/app/chatbots/${id}/settings`);
    await agent.locator('select[data-testid="trigger-kind"]').selectOption('time_on_page');
    await agent.locator('input[data-testid="trigger-param"][name="seconds"]').fill('3');
    await agent.locator('[data-testid="add-condition"]').first().click();
    const condition = agent.locator('[data-testid="condition"]').first();
    await condition.locator('[data-testid="condition-field"]').selectOption('page_url');
    await condition.locator('[data-testid="condition-operator"]').selectOption('contains');
    await condition.locator('[data-testid="condition-value"]').fill('/pricing');
    await agent.locator('[data-testid="save-targeting"]').click();
    await agent.locator('[data-testid="targeting-flash"]').waitFor();
    const saved = await rest('GET', `/chatbots/${id}/targeting`);
    expect(saved.body.targeting).toMatchObject({
      trigger: { kind: 'time_on_page', seconds: 3 },
      conditions: { match: 'all', conditions: [{ field: 'page_url', operator: 'contains', value: '/pricing' }] },
    });

    await agent.goto(`${parley.url}/app/chatbots/debugger`);
    await agent.locator('[data-testid="debug-url"]').fill(`${parley.url}/demo`);
    await agent.locator('select[data-testid="debug-trigger-kind"]').selectOption('time_on_page');
    const param = agent.locator('[data-testid="debug-trigger-param"]');
    if (await param.count()) await param.fill('10');
    await agent.locator('[data-testid="debug-explain"]').click();
    const verdict = agent.locator(`[data-testid="debug-verdict"][data-chatbot-id="${id}"]`);
    await verdict.waitFor();
    expect(await verdict.getAttribute('data-outcome')).toBe('excluded');
    const reason = verdict.locator('[data-testid="debug-reason"]');
    expect(await reason.getAttribute('data-code')).toBe('condition');
    expect(await reason.textContent()).toContain('/pricing');
    await agent.screenshot({ path: `${ARTIFACTS}targeting-debugger.png` }).catch(() => undefined);

    // The same visitor on /demo/pricing: it would start.
    await agent.locator('[data-testid="debug-url"]').fill(`${parley.url}/demo/pricing`);
    await agent.locator('[data-testid="debug-explain"]').click();
    await agent.locator(`[data-testid="debug-winner"][data-chatbot-id="${id}"]`).waitFor();
  });
});
