import type { Author, Message, MessageMeta, VisitorChatbotState } from '@parley/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chatStrings } from '../i18n';
import { FakeElement, installFakeDocument } from '../test/fake-dom';
import { composerHints, currentPrompt } from './chatbot';
import { Transcript } from './transcript';
import { createView, type View } from './view';

const C = 'conv-1';
const BOT: Author = { type: 'chatbot', id: 'bot-1', name: 'Barista' };
const AGENT: Author = { type: 'agent', id: 'a1', name: 'Ada' };
const VISITOR: Author = { type: 'visitor', id: 'v1', name: null };
const en = chatStrings.en;
const website = { name: 'Northwind', color: '#6b3e26', position: 'right' as const, greeting: 'Hello from the website' };

function msg(seq: number, author: Author, text: string, meta: MessageMeta | null = null): Message {
  return { id: 'm' + seq, conversationId: C, seq, clientId: null, author, text, meta, createdAt: '2025-01-01T10:00:00.000Z' };
}
const menu = (seq: number) =>
  msg(seq, BOT, 'What can we help with?', {
    chatbot: { id: 'bot-1', nodeId: 'menu' },
    buttons: [
      { id: 'pricing', label: 'Pricing <b>now</b>' },
      { id: 'human', label: 'Talk to a person', human: true },
    ],
  });
const atMenu: VisitorChatbotState = { status: 'waiting', nodeId: 'menu', awaiting: 'button', field: null };

let restore: () => void;
beforeAll(() => (restore = installFakeDocument()));
afterAll(() => restore());

let view: View;
let root: FakeElement;
let chosen: [string, string][];
beforeEach(() => {
  chosen = [];
  view = createView(website, en, { send() {}, input() {}, close() {}, choose: (n, c) => chosen.push([n, c]) });
  // The window lives in the widget's shadow root.
  root = new FakeElement('#shadow-root');
  root.appendChild(view.element as unknown as FakeElement);
});
const win = () => view.element as unknown as FakeElement;
const $$ = (selector: string) => win().querySelectorAll(selector);
const $ = (selector: string) => win().querySelector(selector) as FakeElement;

function draw(messages: Message[], state: VisitorChatbotState | null = null, pending?: Parameters<Transcript['addPending']>[0]) {
  const t = new Transcript();
  for (const m of messages) t.receive(m);
  if (pending) t.addPending(pending);
  view.render(t.list(), currentPrompt(t.list(), C, state));
  return t;
}

describe('view — messages', () => {
  it('draws meta-less messages as before: text, author type, status, seq', () => {
    const old = msg(2, AGENT, 'Hi, see https://example.com/x?') as Partial<Message>;
    delete old.meta; // an older server
    draw([msg(1, VISITOR, 'Hello <script>alert(1)</script>'), old as Message]);
    const bubbles = $$('[data-testid="message"]');
    expect(bubbles.map((b) => [b.getAttribute('data-author-type'), b.getAttribute('data-seq'), b.getAttribute('data-status'), b.textContent])).toEqual([
      ['visitor', '1', 'sent', 'Hello <script>alert(1)</script>'],
      ['agent', '2', 'sent', 'Hi, see https://example.com/x?'],
    ]);
    // Markup stays text; URLs become <a> built by hand.
    expect(bubbles[0]?.querySelectorAll('script')).toEqual([]);
    expect($('a').getAttribute('href')).toBe('https://example.com/x');
    expect($$('[data-testid="choices"]')).toEqual([]);
    expect($$('img')).toEqual([]);
    expect($('.gr').hidden).toBe(false);
  });

  it('draws a chatbot message with its name, badge, image and link', () => {
    draw([
      msg(1, BOT, 'Our beans', {
        chatbot: { id: 'bot-1', nodeId: 'info' },
        imageUrl: 'https://cdn.example.com/beans.jpg',
        link: { url: 'https://shop.example.com/beans', label: 'See all beans' },
      }),
    ]);
    const bubble = $('[data-testid="message"]');
    expect(bubble.getAttribute('data-author-type')).toBe('chatbot');
    expect(bubble.getAttribute('data-node-id')).toBe('info');
    expect(bubble.textContent).toBe('Our beans');
    const row = bubble.parentNode as FakeElement;
    expect(row.classList.contains('bot')).toBe(true);
    expect(row.querySelector('.who')?.textContent).toBe('Barista' + en.bot);
    const img = $('img[data-testid="message-image"]');
    expect([img.getAttribute('src'), img.getAttribute('alt'), img.getAttribute('loading')]).toEqual([
      'https://cdn.example.com/beans.jpg',
      'Image from Barista',
      'lazy',
    ]);
    const a = $('a[data-testid="message-link"]');
    expect([a.getAttribute('href'), a.getAttribute('target'), a.getAttribute('rel'), a.textContent]).toEqual([
      'https://shop.example.com/beans',
      '_blank',
      'noopener noreferrer',
      'See all beans',
    ]);
    // The chatbot's welcome stands in for the website's greeting.
    expect($('.gr').hidden).toBe(true);
  });

  it('puts image and link between the text and the buttons', () => {
    const m = menu(1);
    m.meta = { ...m.meta, imageUrl: 'https://cdn.example.com/a.png', link: { url: 'https://x.example/', label: 'More' } };
    draw([m], atMenu);
    const row = $('[data-testid="message"]').parentNode as FakeElement;
    const order = row.childNodes.map((n) => (n as FakeElement).getAttribute('data-testid') ?? (n as FakeElement).className);
    expect(order.filter((x) => ['message', 'att', 'choices'].includes(x))).toEqual(['message', 'att', 'choices']);
  });

  it('drops image and link URLs that are not http(s)', () => {
    draw([msg(1, BOT, 'x', { chatbot: { id: 'bot-1', nodeId: 'n' }, imageUrl: 'javascript:alert(1)', link: { url: 'javascript:alert(1)', label: 'Click' } })]);
    expect($$('img')).toEqual([]);
    expect($$('a')).toEqual([]);
  });

  it('marks the retry message and reads it as feedback', () => {
    draw([msg(1, BOT, 'That is not an email address', { chatbot: { id: 'bot-1', nodeId: 'ask' }, question: { field: 'email', retry: true } })]);
    const bubble = $('[data-testid="message"]');
    expect(bubble.getAttribute('data-retry')).toBe('true');
    const row = bubble.parentNode as FakeElement;
    expect(row.classList.contains('retry')).toBe(true);
    expect(row.querySelector('.sr')?.textContent).toBe(en.retry + ': ');
  });
});

describe('view — chatbot buttons', () => {
  it('draws the waiting message’s buttons as real <button>s and reports clicks', () => {
    draw([menu(1)], atMenu);
    const buttons = $$('button[data-choice-id]');
    expect(buttons.map((b) => [b.getAttribute('data-choice-id'), b.textContent, b.disabled, b.getAttribute('type')])).toEqual([
      ['pricing', 'Pricing <b>now</b>', false, 'button'],
      ['human', 'Talk to a person', false, 'button'],
    ]);
    expect($('[data-choice-id="human"]').getAttribute('data-human')).toBe('true');
    expect($('[data-testid="choices"]').getAttribute('role')).toBe('group');
    buttons[1]?.click();
    expect(chosen).toEqual([['menu', 'human']]);
  });

  it('shows no buttons for other states, and disables them while a click is on its way', () => {
    draw([menu(1)], null);
    expect($$('button[data-choice-id]')).toEqual([]);
    draw([menu(1)], atMenu, {
      clientId: 'c-1',
      text: 'Pricing <b>now</b>',
      createdAt: '2025-01-01T10:00:01.000Z',
      choice: { conversationId: C, nodeId: 'menu', choiceId: 'pricing', chatbotId: 'bot-1' },
    });
    expect($('[data-testid="choices"]').getAttribute('data-active')).toBe('false');
    expect($$('button[data-choice-id]').map((b) => b.disabled)).toEqual([true, true]);
    expect($('button[data-chosen="true"]').getAttribute('data-choice-id')).toBe('pricing');
    $('[data-choice-id="human"]').click();
    expect(chosen).toEqual([]);
    // The pending click is the visitor's bubble.
    const pending = $('[data-testid="message"][data-status="pending"]');
    expect([pending.getAttribute('data-author-type'), pending.getAttribute('data-choice'), pending.textContent]).toEqual(['visitor', 'pricing', 'Pricing <b>now</b>']);
  });

  it('removes the buttons once the click is stored', () => {
    draw([menu(1)], atMenu);
    expect($$('button[data-choice-id]')).toHaveLength(2);
    const ack = msg(2, VISITOR, 'Pricing', { choice: { chatbotId: 'bot-1', nodeId: 'menu', choiceId: 'pricing' } });
    draw([menu(1), ack], atMenu);
    expect($$('button[data-choice-id]')).toEqual([]);
  });
});

describe('view — composer hints', () => {
  it('follows the question and goes back to normal after', () => {
    const composer = () => $('textarea[data-testid="composer"]');
    view.setComposerHints(composerHints({ status: 'waiting', nodeId: 'q', awaiting: 'answer', field: 'phone' }, en));
    expect([composer().getAttribute('placeholder'), composer().getAttribute('aria-label'), composer().getAttribute('inputmode'), composer().getAttribute('autocomplete'), composer().getAttribute('data-field')]).toEqual([
      en.askPhone,
      en.askPhone,
      'tel',
      'tel',
      'phone',
    ]);
    view.setComposerHints(composerHints(null, en));
    expect([composer().getAttribute('placeholder'), composer().hasAttribute('inputmode'), composer().hasAttribute('data-field')]).toEqual([en.placeholder, false, false]);
  });
});
