import type { Message, MessageMeta } from '@parley/core';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { MessageGroupView } from './MessageGroupView';
import { chatbotPath } from './state/chatbotPath';
import { groupTranscript } from './state/messages';
import { msg } from './state/testData';

/** Server-renders the transcript's groups (no DOM needed) to check what agents see and the e2e hooks. */
function render(messages: Message[]): string {
  const path = chatbotPath(messages);
  const bySeq = new Map(messages.map((m) => [m.seq, m]));
  const visitor = { id: 'v1', displayName: 'Teal Otter', email: null, online: true };
  return groupTranscript(messages)[0]!.groups.map((g) =>
    renderToStaticMarkup(<MessageGroupView group={g} visitor={visitor} me="me" path={path} bySeq={bySeq} />),
  ).join('\n');
}

const bot = (seq: number, nodeId: string, text: string, meta: Omit<MessageMeta, 'chatbot'> = {}) =>
  msg(seq, { authorType: 'chatbot', author: { type: 'chatbot', id: 'bot1', name: 'Acme bot' }, text, meta: { chatbot: { id: 'bot1', nodeId }, ...meta } });

const BUTTONS = [
  { id: 'pricing', label: 'Pricing' },
  { id: 'human', label: 'Talk to a human', human: true },
];

describe('the chatbot path in the transcript', () => {
  it('shows the bot, its buttons with the chosen one, and the visitor choice', () => {
    const html = render([
      bot(1, 'menu', 'How can we help?', { buttons: BUTTONS }),
      msg(2, { text: 'Pricing', meta: { choice: { chatbotId: 'bot1', nodeId: 'menu', choiceId: 'pricing' } } }),
    ]);
    expect(html).toContain('Acme bot');
    expect(html).toContain('data-testid="chatbot-badge"');
    expect(html).toMatch(/data-testid="message" data-seq="1" data-author-type="chatbot" data-kind="chatbot" data-chatbot-id="bot1" data-node-id="menu"/);
    expect(html).toMatch(/data-testid="chatbot-chip" data-choice-id="pricing" data-chosen="true"/);
    expect(html).toMatch(/data-testid="chatbot-chip" data-choice-id="human" data-chosen="false" data-human="true"/);
    expect(html).toMatch(/data-testid="choice-bubble" data-choice-id="pricing" data-node-id="menu"/);
    expect(html).toContain('Clicked:');
  });

  it('marks questions, retries and invalid answers', () => {
    const html = render([
      bot(1, 'ask', 'Your email?', { question: { field: 'email', retry: false } }),
      msg(2, { text: 'nope', meta: { answer: { chatbotId: 'bot1', nodeId: 'ask', field: 'email', valid: false } } }),
      bot(3, 'ask', 'That does not look like an email', { question: { field: 'email', retry: true } }),
    ]);
    expect(html).toMatch(/data-testid="chatbot-question" data-field="email" data-retry="false">Asks for email</);
    expect(html).toMatch(/data-testid="invalid-answer" data-field="email" data-valid="false">Not a valid email</);
    expect(html).toContain('data-testid="retry-mark"');
    expect(html).toContain('Asks again for email');
  });

  it('renders pictures and links only for http(s) addresses', () => {
    const safe = render([bot(1, 'm', 'Look', { imageUrl: 'https://cdn.example/a.png', link: { url: 'https://example.com/docs', label: 'Docs' } })]);
    expect(safe).toContain('src="https://cdn.example/a.png"');
    expect(safe).toMatch(/href="https:\/\/example.com\/docs"[^>]*data-testid="chatbot-link"/);
    const unsafe = render([bot(1, 'm', 'Look', { imageUrl: 'javascript:alert(1)', link: { url: 'javascript:alert(2)', label: '<b>Docs</b>' } })]);
    expect(unsafe).not.toContain('javascript:');
    expect(unsafe).not.toContain('<b>');
    expect(unsafe).toContain('data-testid="chatbot-image-blocked"');
    expect(unsafe).toContain('data-testid="chatbot-link-blocked"');
  });
});
