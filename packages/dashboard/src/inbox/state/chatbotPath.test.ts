import type { Message, MessageMeta } from '@parley/core';
import { describe, expect, it } from 'vitest';
import {
  answerText,
  chatbotPath,
  choiceButton,
  fieldText,
  lastChatbotActivitySeq,
  messageKind,
  offeredButtons,
  questionText,
} from './chatbotPath';
import { groupTranscript } from './messages';
import { msg } from './testData';

const BUTTONS = [
  { id: 'pricing', label: 'Pricing' },
  { id: 'support', label: 'Support' },
  { id: 'human', label: 'Talk to a human', human: true },
];

function bot(seq: number, nodeId: string, meta: Omit<MessageMeta, 'chatbot'> = {}, chatbotId = 'bot1'): Message {
  return msg(seq, {
    authorType: 'chatbot',
    author: { type: 'chatbot', id: chatbotId, name: 'Acme' },
    text: `bot ${seq}`,
    meta: { chatbot: { id: chatbotId, nodeId }, ...meta },
  });
}

function choice(seq: number, nodeId: string, choiceId: string, chatbotId = 'bot1'): Message {
  const label = BUTTONS.find((b) => b.id === choiceId)?.label ?? choiceId;
  return msg(seq, { text: label, meta: { choice: { chatbotId, nodeId, choiceId } } });
}

const chosenIds = (m: Message, path: ReturnType<typeof chatbotPath>) =>
  offeredButtons(m, path)
    .filter((b) => b.chosen)
    .map((b) => b.id);

describe('messageKind', () => {
  it('tells chatbot messages, choices, answers and plain text apart', () => {
    expect(messageKind(bot(1, 'welcome'))).toBe('chatbot');
    expect(messageKind(msg(2, { authorType: 'chatbot' }))).toBe('chatbot'); // no meta: still the bot
    expect(messageKind(choice(3, 'menu', 'pricing'))).toBe('choice');
    expect(messageKind(msg(4, { meta: { answer: { chatbotId: 'bot1', nodeId: 'q', field: 'email', valid: false } } }))).toBe('answer');
    expect(messageKind(msg(5))).toBe('text');
    expect(messageKind(msg(6, { authorType: 'agent' }))).toBe('text');
  });
});

describe('chatbotPath', () => {
  it('marks the button the following choice picked', () => {
    const messages = [bot(1, 'welcome'), bot(2, 'menu', { buttons: BUTTONS }), choice(3, 'menu', 'support'), bot(4, 'support')];
    const path = chatbotPath(messages);
    expect(chosenIds(messages[1]!, path)).toEqual(['support']);
    expect(path.offerOf[3]).toBe(2);
    expect(offeredButtons(messages[1]!, path).map((b) => `${b.id}:${b.chosen}`)).toEqual(['pricing:false', 'support:true', 'human:false']);
  });

  it('leaves an unanswered offer without a chosen button', () => {
    const messages = [bot(1, 'menu', { buttons: BUTTONS }), msg(2, { text: 'I typed instead' })];
    const path = chatbotPath(messages);
    expect(chosenIds(messages[0]!, path)).toEqual([]);
    expect(path.chosen).toEqual({});
  });

  it('pairs each visit of a menu the visitor comes back to with its own choice', () => {
    const messages = [
      bot(1, 'menu', { buttons: BUTTONS }),
      choice(2, 'menu', 'pricing'),
      bot(3, 'pricing'),
      bot(4, 'menu', { buttons: BUTTONS }),
      choice(5, 'menu', 'human'),
    ];
    const path = chatbotPath(messages);
    expect(chosenIds(messages[0]!, path)).toEqual(['pricing']);
    expect(chosenIds(messages[3]!, path)).toEqual(['human']);
    expect(path.offerOf).toEqual({ 2: 1, 5: 4 });
  });

  it('a menu shown again before any choice: the choice marks the latest showing', () => {
    const messages = [bot(1, 'menu', { buttons: BUTTONS }), bot(2, 'menu', { buttons: BUTTONS }), choice(3, 'menu', 'pricing')];
    const path = chatbotPath(messages);
    expect(chosenIds(messages[0]!, path)).toEqual([]);
    expect(chosenIds(messages[1]!, path)).toEqual(['pricing']);
  });

  it('matches the node and the chatbot, not just the choice id', () => {
    const messages = [
      bot(1, 'menu', { buttons: BUTTONS }, 'bot1'),
      bot(2, 'menu', { buttons: BUTTONS }, 'bot2'),
      bot(3, 'other', { buttons: BUTTONS }, 'bot1'),
      choice(4, 'menu', 'support', 'bot1'),
    ];
    const path = chatbotPath(messages);
    expect(chosenIds(messages[0]!, path)).toEqual(['support']);
    expect(chosenIds(messages[1]!, path)).toEqual([]);
    expect(chosenIds(messages[2]!, path)).toEqual([]);
  });

  it('ignores a choice nothing offered, and a choice id the offer did not have', () => {
    const stray = chatbotPath([choice(1, 'menu', 'pricing')]);
    expect(stray).toEqual({ chosen: {}, offerOf: {} });
    const messages = [bot(1, 'menu', { buttons: BUTTONS }), choice(2, 'menu', 'gone')];
    const path = chatbotPath(messages);
    expect(chosenIds(messages[0]!, path)).toEqual([]);
    expect(path.offerOf[2]).toBe(1);
  });

  it('a second choice for the same offer does not overwrite the first', () => {
    const messages = [bot(1, 'menu', { buttons: BUTTONS }), choice(2, 'menu', 'pricing'), choice(3, 'menu', 'support')];
    const path = chatbotPath(messages);
    expect(chosenIds(messages[0]!, path)).toEqual(['pricing']);
    expect(path.offerOf[3]).toBeUndefined();
  });

  it('finds the button a choice stands for (the human one included)', () => {
    const messages = [bot(1, 'menu', { buttons: BUTTONS }), choice(2, 'menu', 'human')];
    const path = chatbotPath(messages);
    const bySeq = new Map(messages.map((m) => [m.seq, m]));
    expect(choiceButton(messages[1]!, bySeq, path)).toEqual({ id: 'human', label: 'Talk to a human', human: true });
    expect(choiceButton(choice(9, 'menu', 'pricing'), bySeq, path)).toBe(null);
  });
});

describe('texts', () => {
  it('says what a question asks for and how an answer went', () => {
    expect(questionText({ field: 'email', retry: false })).toBe('Asks for email');
    expect(questionText({ field: 'phone', retry: true })).toBe('Asks again for phone number');
    expect(answerText({ field: 'email', valid: false })).toBe('Not a valid email');
    expect(answerText({ field: 'name', valid: true })).toBe('Answer: name');
    expect(fieldText('number')).toBe('number');
    expect(fieldText('shoe_size')).toBe('shoe_size');
  });
});

describe('with the transcript', () => {
  it('keeps grouping: bot messages, then the visitor choice, then the bot again', () => {
    const messages = [bot(1, 'welcome'), bot(2, 'menu', { buttons: BUTTONS }), choice(3, 'menu', 'pricing'), bot(4, 'pricing')];
    const groups = groupTranscript(messages)[0]!.groups;
    expect(groups.map((g) => `${g.authorType}:${g.messages.map((m) => m.seq).join(',')}`)).toEqual(['chatbot:1,2', 'visitor:3', 'chatbot:4']);
  });

  it('finds the last message that may have stored contact data', () => {
    expect(lastChatbotActivitySeq([msg(1), msg(2, { authorType: 'agent' })])).toBe(0);
    expect(lastChatbotActivitySeq([bot(1, 'q', { question: { field: 'email', retry: false } }), msg(2, { authorType: 'agent' })])).toBe(1);
    const answer = msg(3, { meta: { answer: { chatbotId: 'bot1', nodeId: 'q', field: 'email', valid: true } } });
    expect(lastChatbotActivitySeq([bot(1, 'q'), msg(2), answer, msg(4)])).toBe(3);
  });
});
