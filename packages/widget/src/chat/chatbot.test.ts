import type { Author, Message, MessageMeta, VisitorChatbotState } from '@parley/core';
import { describe, expect, it } from 'vitest';
import { chatStrings } from '../i18n';
import { awaitingRetry, composerHints, currentPrompt, messageParts, refusedKey } from './chatbot';
import { Transcript, type TranscriptItem } from './transcript';

const C = 'conv-1';
const BOT: Author = { type: 'chatbot', id: 'bot-1', name: 'Barista' };
const VISITOR: Author = { type: 'visitor', id: 'v1', name: null };
const AGENT: Author = { type: 'agent', id: 'a1', name: 'Ada' };
const BUTTONS = [
  { id: 'pricing', label: 'Pricing' },
  { id: 'shipping', label: 'Shipping' },
  { id: 'human', label: 'Talk to a person', human: true },
];

function msg(seq: number, author: Author, meta: MessageMeta | null, over: Partial<Message> = {}): Message {
  return { id: 'm' + seq, conversationId: C, seq, clientId: null, author, text: 'text ' + seq, meta, createdAt: '2025-01-01T00:00:00.000Z', ...over };
}
const botMsg = (seq: number, nodeId: string, extra: MessageMeta = {}) => msg(seq, BOT, { chatbot: { id: 'bot-1', nodeId }, ...extra });
const choiceMsg = (seq: number, nodeId: string, choiceId: string) =>
  msg(seq, VISITOR, { choice: { chatbotId: 'bot-1', nodeId, choiceId } }, { clientId: 'c-' + seq });
const waiting = (nodeId: string | null, awaiting: VisitorChatbotState['awaiting'] = 'button'): VisitorChatbotState => ({
  status: 'waiting',
  nodeId,
  awaiting,
  field: null,
});

function list(...messages: Message[]): Transcript {
  const t = new Transcript();
  for (const m of messages) t.receive(m);
  return t;
}

describe('currentPrompt — which buttons are clickable', () => {
  it('shows the buttons of the message from the node the chatbot waits on', () => {
    const t = list(botMsg(1, 'welcome'), botMsg(2, 'menu', { buttons: BUTTONS }));
    const p = currentPrompt(t.list(), C, waiting('menu'));
    expect(p).toMatchObject({ key: 'm2', nodeId: 'menu', chatbotId: 'bot-1', active: true, chosen: null, refused: [] });
    expect(p?.buttons.map((b) => b.id)).toEqual(['pricing', 'shipping', 'human']);
  });

  it('shows nothing unless the chatbot waits for a button of that node', () => {
    const t = list(botMsg(1, 'menu', { buttons: BUTTONS }));
    expect(currentPrompt(t.list(), C, null)).toBeNull();
    expect(currentPrompt(t.list(), C, waiting('menu', 'answer'))).toBeNull();
    expect(currentPrompt(t.list(), C, waiting('menu', 'nothing'))).toBeNull();
    expect(currentPrompt(t.list(), C, { ...waiting('menu'), status: 'handed_over' , awaiting: 'nothing'})).toBeNull();
    expect(currentPrompt(t.list(), C, waiting('other'))).toBeNull();
    expect(currentPrompt(t.list(), C, waiting(null))).toBeNull();
    expect(currentPrompt(t.list(), null, waiting('menu'))).toBeNull();
    expect(currentPrompt(t.list(), 'conv-2', waiting('menu'))).toBeNull();
  });

  it('only the latest message of that node is active: a flow looping back never revives old buttons', () => {
    const t = list(botMsg(1, 'menu', { buttons: BUTTONS }), choiceMsg(2, 'menu', 'pricing'), botMsg(3, 'prices'), botMsg(4, 'menu', { buttons: BUTTONS }));
    expect(currentPrompt(t.list(), C, waiting('menu'))).toMatchObject({ key: 'm4', active: true });
  });

  it('keeps a pending choice visible but disabled, with the chosen button marked', () => {
    const t = list(botMsg(1, 'menu', { buttons: BUTTONS }));
    t.addPending({ clientId: 'c-9', text: 'Shipping', createdAt: 'x', choice: { conversationId: C, nodeId: 'menu', choiceId: 'shipping', chatbotId: 'bot-1' } });
    expect(currentPrompt(t.list(), C, waiting('menu'))).toMatchObject({ key: 'm1', active: false, chosen: 'shipping' });
  });

  it('hides the buttons once the choice is acknowledged, even before the new chatbot state arrives', () => {
    const t = list(botMsg(1, 'menu', { buttons: BUTTONS }), choiceMsg(2, 'menu', 'shipping'));
    expect(currentPrompt(t.list(), C, waiting('menu'))).toBeNull();
  });

  it('hides them when the visitor typed instead (pending or sent), not when that message failed', () => {
    const t = list(botMsg(1, 'menu', { buttons: BUTTONS }));
    t.addPending({ clientId: 'c-1', text: 'Can I just ask something?', createdAt: 'x' });
    expect(currentPrompt(t.list(), C, waiting('menu'))).toBeNull();
    t.fail('c-1', 'Slow down');
    expect(currentPrompt(t.list(), C, waiting('menu'))).toMatchObject({ active: true });
  });

  it('an agent message after the buttons does not hide them', () => {
    const t = list(botMsg(1, 'menu', { buttons: BUTTONS }), msg(2, AGENT, null));
    expect(currentPrompt(t.list(), C, waiting('menu'))).toMatchObject({ key: 'm1', active: true });
  });

  it('marks buttons the server refused, and ignores malformed buttons', () => {
    const t = list(botMsg(1, 'menu', { buttons: [...BUTTONS, { id: '', label: 'x' }, null as never, { id: 'n', label: 3 as never }] }));
    const p = currentPrompt(t.list(), C, waiting('menu'), new Set([refusedKey('m1', 'pricing')]));
    expect(p?.buttons.map((b) => b.id)).toEqual(['pricing', 'shipping', 'human']);
    expect(p?.refused).toEqual(['pricing']);
  });

  it('a chatbot message without buttons (or without meta) offers nothing', () => {
    const t = list(botMsg(1, 'menu'), msg(2, BOT, null));
    expect(currentPrompt(t.list(), C, waiting('menu'))).toBeNull();
  });
});

describe('composerHints — the composer follows the question', () => {
  const en = chatStrings.en;
  const asking = (field: VisitorChatbotState['field']): VisitorChatbotState => ({ status: 'waiting', nodeId: 'q', awaiting: 'answer', field });

  it('has no hints when no question waits', () => {
    for (const s of [null, waiting('menu'), { ...waiting(null), awaiting: 'nothing' as const, status: 'ended' as const }]) {
      const h = composerHints(s, en);
      expect(h.field).toBeNull();
      expect(h.placeholder).toBe(en.placeholder);
      expect(Object.values(h.attrs).every((v) => v === null)).toBe(true);
    }
  });

  it.each([
    ['email', en.askEmail, 'email', 'email'],
    ['phone', en.askPhone, 'tel', 'tel'],
    ['number', en.askNumber, 'decimal', 'off'],
    ['name', en.askName, 'text', 'name'],
    ['text', en.askText, 'text', 'off'],
  ] as const)('%s: placeholder, inputmode and autocomplete', (field, placeholder, inputmode, autocomplete) => {
    const h = composerHints(asking(field), en);
    expect(h.field).toBe(field);
    expect(h.placeholder).toBe(placeholder);
    expect(h.attrs).toMatchObject({ inputmode, autocomplete, 'data-field': field, 'aria-invalid': null });
  });

  it('translates the placeholder, treats a missing field as text, and marks a retry invalid', () => {
    expect(composerHints(asking('email'), chatStrings.fr).placeholder).toBe(chatStrings.fr.askEmail);
    expect(composerHints(asking(null), en)).toMatchObject({ field: 'text', placeholder: en.askText });
    expect(composerHints(asking('email'), en, true).attrs['aria-invalid']).toBe('true');
    expect(composerHints(asking('email'), en).attrs.spellcheck).toBe('false');
  });

  it('awaitingRetry: the latest message is the chatbot asking again', () => {
    const q = { chatbot: { id: 'bot-1', nodeId: 'ask' } };
    const t = list(
      msg(1, BOT, { ...q, question: { field: 'email', retry: false } }),
      msg(2, VISITOR, { answer: { chatbotId: 'bot-1', nodeId: 'ask', field: 'email', valid: false } }),
      msg(3, BOT, { ...q, question: { field: 'email', retry: true } }),
    );
    const state = { status: 'waiting' as const, nodeId: 'ask', awaiting: 'answer' as const, field: 'email' as const };
    expect(awaitingRetry(t.list(), C, state)).toBe(true);
    expect(awaitingRetry(t.list(), C, waiting('ask'))).toBe(false);
    t.receive(msg(4, VISITOR, null));
    expect(awaitingRetry(t.list(), C, state)).toBe(false);
  });
});

describe('messageParts — how a message is drawn', () => {
  const item = (m: Message): TranscriptItem => list(m).list()[0] as TranscriptItem;

  it('meta-less messages (null, or absent from an older server) are plain bubbles', () => {
    const plain = { kind: 'ag', retry: false, image: null, link: null, choice: false };
    expect(messageParts(item(msg(1, AGENT, null)))).toEqual(plain);
    const old = msg(1, AGENT, null) as Partial<Message>;
    delete old.meta;
    const it = item(old as Message);
    expect(it.meta).toBeNull();
    expect(messageParts(it)).toEqual(plain);
    expect(messageParts(item(msg(2, VISITOR, null))).kind).toBe('me');
    expect(messageParts(item(msg(3, { type: 'system', id: null, name: null }, null))).kind).toBe('sys');
    expect(messageParts(item(msg(4, BOT, null)))).toEqual({ ...plain, kind: 'bot' });
  });

  it('a chatbot message has its image and link, http(s) only', () => {
    const parts = messageParts(
      item(botMsg(1, 'info', { imageUrl: 'https://cdn.example.com/beans.jpg', link: { url: 'https://shop.example.com/pricing', label: 'See prices' } })),
    );
    expect(parts).toMatchObject({ kind: 'bot', image: 'https://cdn.example.com/beans.jpg', link: { href: 'https://shop.example.com/pricing', label: 'See prices' } });
    for (const url of ['javascript:alert(1)', 'data:text/html,<b>x</b>', '/relative.png', 'vbscript:x', 'not a url', '']) {
      const p = messageParts(item(botMsg(2, 'info', { imageUrl: url, link: { url, label: 'x' } })));
      expect(p.image, url).toBeNull();
      expect(p.link, url).toBeNull();
    }
    expect(messageParts(item(botMsg(3, 'info', { link: { url: 'http://x.example/', label: '  ' } }))).link).toEqual({ href: 'http://x.example/', label: 'http://x.example/' });
  });

  it('only chatbot messages get images, links and retry styling', () => {
    const meta = { imageUrl: 'https://x.example/a.png', link: { url: 'https://x.example', label: 'x' }, question: { field: 'email' as const, retry: true } };
    expect(messageParts(item(msg(1, AGENT, meta)))).toMatchObject({ kind: 'ag', image: null, link: null, retry: false });
    expect(messageParts(item(botMsg(2, 'ask', { question: { field: 'email', retry: true } }))).retry).toBe(true);
    expect(messageParts(item(botMsg(3, 'ask', { question: { field: 'email', retry: false } }))).retry).toBe(false);
  });

  it('a visitor choice is the visitor’s bubble', () => {
    expect(messageParts(item(choiceMsg(1, 'menu', 'pricing')))).toMatchObject({ kind: 'me', choice: true });
  });
});
