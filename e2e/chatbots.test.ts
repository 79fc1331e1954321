import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { signInToDashboard } from './support/dashboard.js';
import { ARTIFACTS, launchChromium, screenshotOnFailure } from './support/browser.js';
import { ParleyProcess } from './support/parley-process.js';
import { ownerCookie, publishActiveChatbot, restClient } from './support/rest-api.js';

/**
 * Chatbots in Chromium, through the real widget on /demo and the real inbox:
 * built in the builder and clicked through by a visitor; handover with and
 * without an agent online; a Czech and a French browser.
 */

const widget = (page: Page) => page.locator('#parley-widget');


async function visitorTypes(page: Page, text: string): Promise<void> {
  const composer = widget(page).locator('textarea[data-testid="composer"]');
  await composer.fill(text);
  await composer.press('Enter');
}

/** Drags a connection in React Flow from a source handle to a target handle. */
async function connect(page: Page, from: Locator, to: Locator): Promise<void> {
  const a = (await from.boundingBox())!;
  const b = (await to.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 8 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 8 });
  await page.mouse.up();
}

describe('a chatbot built in the builder, used in the widget', () => {
  let parley: ParleyProcess;
  let browser: Browser;
  let agent: Page;
  let visitor: Page;

  beforeAll(async () => {
    parley = await ParleyProcess.start();
    browser = await launchChromium();
    agent = await (await browser.newContext({ viewport: { width: 1500, height: 950 } })).newPage();
    visitor = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' })).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await parley?.stop();
  });
  screenshotOnFailure({ agent: () => agent, visitor: () => visitor });

  it('builds a flow with buttons and a question, publishes and activates it', async () => {
    await signInToDashboard(agent, parley.url);
    await agent.goto(`${parley.url}/app/chatbots`);
    await agent.locator('[data-testid="new-chatbot"]').click();
    await agent.locator('input[name="chatbot-name"]').fill('Shop assistant');
    await agent.locator('[data-testid="create-chatbot"]').click();
    const menu = agent.locator('[data-testid="builder-node"][data-kind="buttons"]');
    await menu.waitFor();

    // A new button on the menu…
    await menu.click();
    const editor = agent.locator('[data-testid="node-editor"]');
    await editor.waitFor();
    const before = await editor.locator('[data-testid="choice-label"]').count();
    await editor.locator('[data-testid="add-choice"]').click();
    await expect.poll(() => editor.locator('[data-testid="choice-label"]').count()).toBe(before + 1);
    await editor.locator('[data-testid="choice-label"]').last().fill('Leave my email');

    // …leads to a new question asking for the email, which leads to the end.
    await agent.locator('[data-testid="add-question"]').click();
    const question = agent.locator('[data-testid="builder-node"][data-kind="question"]');
    await question.waitFor();
    await question.click();
    const questionEditor = agent.locator('[data-testid="node-editor"]');
    await questionEditor.locator('select[name="field"]').selectOption('email');
    await questionEditor.locator('[name="prompt"]').fill('What is your email?');
    await questionEditor.locator('[name="retryMessage"]').fill('That does not look like an email.');

    const newChoiceHandle = menu.locator('.step__out[data-handleid^="choice:"]').last();
    await connect(agent, newChoiceHandle, question.locator('.step__in'));
    const end = agent.locator('[data-testid="builder-node"][data-kind="end"]');
    await connect(agent, question.locator('.step__out[data-handleid="next"]'), end.locator('.step__in'));

    await expect.poll(() => agent.locator('[data-testid="problem"]').count(), { timeout: 5000 }).toBe(0);
    await agent.locator('[data-testid="publish"]').click();
    await agent.locator('[data-testid="version-badge"]').filter({ hasText: '1' }).waitFor();
    await agent.screenshot({ path: ARTIFACTS + 'chatbot-builder-published.png' }).catch(() => undefined);

    await agent.goto(`${parley.url}/app/chatbots`);
    await agent.locator('[data-testid="chatbot-item"] [data-testid="chatbot-status"]').first().click();
    await agent.locator('[data-testid="chatbot-item"] [data-testid="chatbot-status"][data-status="active"]').waitFor();
  });

  it('greets the visitor with a teaser, and the visitor clicks through to give their email', async () => {
    await visitor.goto(`${parley.url}/demo`);
    const teaser = widget(visitor).locator('[data-parley-teaser]');
    await teaser.filter({ hasText: 'Hi! Welcome to our website.' }).waitFor();
    await visitor.screenshot({ path: ARTIFACTS + 'chatbot-teaser.png' }).catch(() => undefined);
    await widget(visitor).locator('[data-parley-teaser-open]').click();
    await widget(visitor).locator('[data-testid="window"]').waitFor();

    await widget(visitor).locator('[data-testid="message"][data-author-type="chatbot"]').filter({ hasText: 'How can we help you today?' }).waitFor();
    const choice = widget(visitor).locator('button[data-choice-id]').filter({ hasText: 'Leave my email' });
    await choice.click();
    await widget(visitor).locator('[data-testid="message"][data-choice]').filter({ hasText: 'Leave my email' }).waitFor();
    await widget(visitor).locator('[data-testid="message"][data-author-type="chatbot"]').filter({ hasText: 'What is your email?' }).waitFor();
    await expect.poll(() => widget(visitor).locator('textarea[data-testid="composer"]').getAttribute('data-field')).toBe('email');

    await visitorTypes(visitor, 'not-an-email');
    await widget(visitor).locator('[data-testid="message"][data-retry="true"]').filter({ hasText: 'That does not look like an email.' }).waitFor();
    await visitorTypes(visitor, 'jana@example.com');
    await widget(visitor).locator('[data-testid="message"][data-author-type="visitor"]').filter({ hasText: 'jana@example.com' }).waitFor();
    // The buttons of earlier steps are no longer clickable.
    expect(await widget(visitor).locator('[data-testid="choices"][data-active="true"]').count()).toBe(0);
    await visitor.screenshot({ path: ARTIFACTS + 'chatbot-widget-path.png' }).catch(() => undefined);
  });

  it('shows the whole chatbot path in the transcript and the collected email in the visitor panel', async () => {
    await agent.goto(`${parley.url}/app/`);
    const item = agent.locator('[data-testid="conversation-item"]').first();
    await item.waitFor({ timeout: 10_000 });
    await item.click();
    await agent.locator('[data-testid="message"][data-author-type="chatbot"]').filter({ hasText: 'How can we help you today?' }).waitFor();
    await agent.locator('[data-testid="chatbot-chip"][data-chosen="true"]').filter({ hasText: 'Leave my email' }).waitFor();
    await agent.locator('[data-testid="choice-bubble"]').filter({ hasText: 'Leave my email' }).waitFor();
    await agent.locator('[data-testid="invalid-answer"]').first().waitFor();
    await agent.locator('[data-testid="contact-email"]').filter({ hasText: 'jana@example.com' }).waitFor({ timeout: 10_000 });
    await agent.screenshot({ path: ARTIFACTS + 'chatbot-inbox-path.png' }).catch(() => undefined);
  });
});

/** A chatbot published over the REST API, with a Czech variant and handover texts. */
const FLOW = {
  schemaVersion: 1,
  startNodeId: 'welcome',
  defaultLanguage: 'en',
  nodes: {
    welcome: { kind: 'message', text: 'Hello from the coffee bot!', next: 'menu' },
    menu: {
      kind: 'buttons',
      text: 'What would you like?',
      choices: [{ id: 'beans', label: 'Our beans', next: 'beans' }],
      humanChoice: { id: 'human', label: 'Talk to a person' },
    },
    beans: { kind: 'message', text: 'We roast every Monday.', next: 'end' },
    end: { kind: 'end' },
  },
  variants: {
    cs: {
      nodes: {
        welcome: { text: 'Ahoj od kávového robota!' },
        menu: { text: 'Co si dáte?', choices: { beans: 'Naše zrna' }, humanChoice: 'Mluvit s člověkem' },
        beans: { text: 'Pražíme každé pondělí.' },
      },
    },
  },
  handoverMessages: { agentsOnline: 'A barista will answer you right away.', noAgentOnline: 'Nobody is around right now. Leave your email and we will write back.' },
};

describe('handover and languages in the widget', () => {
  let parley: ParleyProcess;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let agent: Page | undefined;
  let visitor: Page | undefined;

  async function newVisitor(locale: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${parley.url}/demo`);
    return page;
  }

  async function openBox(page: Page): Promise<void> {
    await widget(page).locator('[data-testid="launcher"]').click();
    await widget(page).locator('[data-testid="window"]').waitFor();
  }

  beforeAll(async () => {
    parley = await ParleyProcess.start();
    browser = await launchChromium();
    await publishActiveChatbot(restClient(parley.url, await ownerCookie(parley.url)), 'Coffee bot', FLOW);
  });
  afterAll(async () => {
    await browser?.close();
    await parley?.stop();
  });
  screenshotOnFailure({ agent: () => agent, visitor: () => visitor });

  it('gives a Czech browser the Czech variant and a French browser the default language', async () => {
    const czech = await newVisitor('cs-CZ');
    visitor = czech;
    await widget(czech).locator('[data-parley-teaser]').filter({ hasText: 'Ahoj od kávového robota!' }).waitFor();
    await openBox(czech);
    await widget(czech).locator('[data-testid="message"][data-author-type="chatbot"]').filter({ hasText: 'Co si dáte?' }).waitFor();
    await widget(czech).locator('button[data-choice-id="beans"]').filter({ hasText: 'Naše zrna' }).waitFor();

    const french = await newVisitor('fr-FR');
    visitor = french;
    await widget(french).locator('[data-parley-teaser]').filter({ hasText: 'Hello from the coffee bot!' }).waitFor();
    await openBox(french);
    await widget(french).locator('button[data-choice-id="beans"]').filter({ hasText: 'Our beans' }).waitFor();
  });

  it('asks for the email when the visitor types instead and no agent is online; the team sees it later', async () => {
    const page = await newVisitor('en-GB');
    visitor = page;
    await openBox(page);
    await widget(page).locator('button[data-choice-id="beans"]').waitFor();
    await visitorTypes(page, 'Do you sell decaf?');
    await widget(page).locator('[data-testid="message"][data-author-type="chatbot"]').filter({ hasText: 'Nobody is around right now' }).waitFor();
    await expect.poll(() => widget(page).locator('textarea[data-testid="composer"]').getAttribute('data-field')).toBe('email');
    await visitorTypes(page, 'petr@example.com');
    await widget(page).locator('[data-testid="message"][data-author-type="chatbot"]').filter({ hasText: 'petr@example.com' }).waitFor();

    const agentContext = await browser.newContext({ viewport: { width: 1500, height: 950 } });
    contexts.push(agentContext);
    agent = await agentContext.newPage();
    await signInToDashboard(agent, parley.url);
    const item = agent.locator('[data-testid="conversation-item"][data-handover="visitor_typed"]');
    await item.waitFor({ timeout: 10_000 });
    await item.locator('[data-testid="handover-badge"]').waitFor();
    await item.click();
    await agent.locator('[data-testid="message"]').filter({ hasText: 'Do you sell decaf?' }).waitFor();
    await agent.locator('[data-testid="contact-email"]').filter({ hasText: 'petr@example.com' }).waitFor({ timeout: 10_000 });
  });

  it('tells the visitor a colleague will answer when an agent is online, and the agent takes over', async () => {
    const page = await newVisitor('en-GB');
    visitor = page;
    // The agent's inbox from the previous test is still open: an agent is online.
    await openBox(page);
    await widget(page).locator('button[data-choice-id="human"]').click();
    await widget(page).locator('[data-testid="message"][data-author-type="chatbot"]').filter({ hasText: 'A barista will answer you right away.' }).waitFor();

    const item = agent!.locator('[data-testid="conversation-item"][data-handover="asked_for_human"]');
    await item.waitFor({ timeout: 10_000 });
    await item.click();
    await agent!.locator('[data-testid="chatbot-chip"][data-chosen="true"]').filter({ hasText: 'Talk to a person' }).waitFor();
    const composer = agent!.locator('textarea[data-testid="composer"]');
    await composer.fill('Hi, I am Eva. How can I help?');
    await composer.press('Enter');
    await widget(page).locator('[data-testid="message"][data-author-type="agent"]').filter({ hasText: 'I am Eva' }).waitFor();
    // Answered: no longer highlighted.
    await agent!.locator('[data-testid="conversation-item"][data-handover="asked_for_human"]').waitFor({ state: 'detached', timeout: 10_000 });
    await agent!.screenshot({ path: ARTIFACTS + 'chatbot-handover-inbox.png' }).catch(() => undefined);
  });
});
