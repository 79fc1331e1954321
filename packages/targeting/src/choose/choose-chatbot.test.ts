import { describe, expect, it } from 'vitest';
import { all, cond, factsOf, targetingOf } from '../testing/fixtures.js';
import type { ConditionGroup, Frequency, TargetingFacts, TargetingInput } from '../schema.js';
import { compileTargeting } from '../evaluate/compile-targeting.js';
import { armableChatbots, chooseChatbot, type Candidate, type FiredTrigger, type Situation } from './choose-chatbot.js';

interface Spec {
  id: string;
  priority?: number;
  createdAt?: number;
  active?: boolean;
  published?: boolean;
  trigger?: TargetingInput['trigger'];
  conditions?: ConditionGroup;
  frequency?: Frequency;
  shownThisVisit?: boolean;
  shownToVisitor?: boolean;
}

function bot(spec: Spec): Candidate {
  const extra: Partial<TargetingInput> = { trigger: spec.trigger ?? { kind: 'chat_opened' } };
  if (spec.frequency) extra.frequency = spec.frequency;
  return {
    chatbotId: spec.id,
    name: `Bot ${spec.id}`,
    priority: spec.priority ?? 0,
    createdAt: spec.createdAt ?? 1000,
    active: spec.active ?? true,
    published: spec.published ?? true,
    targeting: compileTargeting(targetingOf(spec.conditions ?? all(), extra)),
    shownThisVisit: spec.shownThisVisit ?? false,
    shownToVisitor: spec.shownToVisitor ?? false,
  };
}

function situation(trigger: FiredTrigger | null = { kind: 'chat_opened' }, facts: Partial<TargetingFacts> = {}, openConversation = false): Situation {
  return { facts: factsOf(facts), trigger, openConversation };
}

const summary = (choice: ReturnType<typeof chooseChatbot>) => choice.verdicts.map((v) => [v.chatbotId, v.outcome, v.reason?.code ?? null]);

describe('chooseChatbot: priority', () => {
  it('the highest priority starts, the others are outranked', () => {
    const choice = chooseChatbot([bot({ id: 'low', priority: 1 }), bot({ id: 'high', priority: 5 }), bot({ id: 'mid', priority: 3 })], situation());
    expect(choice.chatbotId).toBe('high');
    expect(summary(choice)).toEqual([
      ['high', 'starts', null],
      ['mid', 'outranked', 'outranked'],
      ['low', 'outranked', 'outranked'],
    ]);
    expect(choice.verdicts[1]!.reason!.message).toBe('"Bot high" starts instead (higher priority: 5 vs 3)');
  });

  it('a tie goes to the oldest, then to the lowest id', () => {
    const choice = chooseChatbot(
      [bot({ id: 'b', priority: 2, createdAt: 50 }), bot({ id: 'c', priority: 2, createdAt: 10 }), bot({ id: 'a', priority: 2, createdAt: 50 })],
      situation(),
    );
    expect(choice.chatbotId).toBe('c');
    expect(choice.verdicts.map((v) => v.chatbotId)).toEqual(['c', 'a', 'b']);
    expect(choice.verdicts[1]!.reason!.message).toBe('"Bot c" starts instead (same priority, created earlier)');
    const sameAge = chooseChatbot([bot({ id: 'y' }), bot({ id: 'x' })], situation());
    expect(sameAge.chatbotId).toBe('x');
  });

  it('a higher-priority chatbot that is excluded lets the next one start; verdicts stay in priority order', () => {
    const choice = chooseChatbot(
      [bot({ id: 'pricing', priority: 9, conditions: all(cond('page_url', 'contains', '/blog')) }), bot({ id: 'general', priority: 1 })],
      situation(),
    );
    expect(choice.chatbotId).toBe('general');
    expect(summary(choice)).toEqual([
      ['pricing', 'excluded', 'condition'],
      ['general', 'starts', null],
    ]);
  });

  it('no candidates, or none that pass: nobody starts', () => {
    expect(chooseChatbot([], situation())).toEqual({ chatbotId: null, verdicts: [] });
    expect(chooseChatbot([bot({ id: 'off', active: false })], situation()).chatbotId).toBeNull();
  });
});

describe('chooseChatbot: exclusions, first reason first', () => {
  it.each([
    ['inactive', { id: 'x', active: false, published: false }, situation(null, {}, true), 'inactive'],
    ['unpublished', { id: 'x', published: false }, situation(null, {}, true), 'unpublished'],
    ['an open conversation', { id: 'x', trigger: { kind: 'scroll', percent: 50 } }, situation({ kind: 'chat_opened' }, {}, true), 'conversation_ongoing'],
    ['another trigger', { id: 'x', trigger: { kind: 'exit_intent' }, shownThisVisit: true }, situation({ kind: 'chat_opened' }), 'other_trigger'],
    ['shown this visit (once per visit)', { id: 'x', shownThisVisit: true, conditions: all(cond('city', 'is', 'Brno')) }, situation(), 'shown_this_visit'],
    ['shown to the visitor (once per visitor)', { id: 'x', frequency: 'once_per_visitor', shownToVisitor: true }, situation(), 'shown_to_visitor'],
    ['a condition', { id: 'x', conditions: all(cond('country', 'is', 'CZ'), cond('city', 'is', 'Brno')) }, situation(), 'condition'],
  ] as [string, Spec, Situation, string][])('%s', (_, spec, s, code) => {
    const choice = chooseChatbot([bot(spec)], s);
    expect(choice.chatbotId).toBeNull();
    expect(choice.verdicts[0]).toMatchObject({ chatbotId: 'x', name: 'Bot x', outcome: 'excluded', reason: { code } });
  });

  it('frequency: once per visit allows a new visit; every page view ignores what was shown', () => {
    expect(chooseChatbot([bot({ id: 'x', shownToVisitor: true })], situation()).chatbotId).toBe('x');
    expect(chooseChatbot([bot({ id: 'x', frequency: 'every_page_view', shownThisVisit: true, shownToVisitor: true })], situation()).chatbotId).toBe('x');
    expect(chooseChatbot([bot({ id: 'x', frequency: 'once_per_visitor', shownThisVisit: true })], situation()).chatbotId).toBeNull();
  });

  it('the debugger gets the path and the sentence of the first condition that excluded the chatbot', () => {
    const choice = chooseChatbot(
      [bot({ id: 'x', conditions: all(cond('country', 'is', 'CZ'), all(cond('page_url', 'contains', '/pricing'))) })],
      situation({ kind: 'chat_opened' }, { page: { url: 'https://acme.com/demo', title: '' } }),
    );
    expect(choice.verdicts[0]!.reason).toEqual({
      code: 'condition',
      message: 'Page URL does not contain "/pricing" (it is "https://acme.com/demo")',
      path: [1, 0],
    });
  });

  it('explains the other reasons in words', () => {
    const reason = (spec: Spec, s: Situation) => chooseChatbot([bot(spec)], s).verdicts[0]!.reason!.message;
    expect(reason({ id: 'x', active: false }, situation())).toBe('The chatbot is not active');
    expect(reason({ id: 'x' }, situation({ kind: 'chat_opened' }, {}, true))).toBe('The visitor has an open conversation');
    expect(reason({ id: 'x', trigger: { kind: 'time_on_page', seconds: 10 } }, situation({ kind: 'scroll', scrollPercent: 80 }))).toBe(
      'It starts after 10 s on the page, not on scrolling',
    );
  });
});

describe('chooseChatbot: triggers', () => {
  const one = (trigger: TargetingInput['trigger'], fired: FiredTrigger | null, facts: Partial<TargetingFacts> = {}) =>
    chooseChatbot([bot({ id: 'x', trigger })], situation(fired, facts)).verdicts[0]!;

  it.each([
    ['the same kind', { kind: 'exit_intent' }, { kind: 'exit_intent' }, true],
    ['another kind', { kind: 'exit_intent' }, { kind: 'chat_opened' }, false],
    ['the same event', { kind: 'custom_event', name: 'cart_abandoned' }, { kind: 'custom_event', name: 'cart_abandoned' }, true],
    ['another event', { kind: 'custom_event', name: 'cart_abandoned' }, { kind: 'custom_event', name: 'signup' }, false],
    ['an event in another case', { kind: 'custom_event', name: 'Signup' }, { kind: 'custom_event', name: 'signup' }, false],
    ['an unnamed event', { kind: 'custom_event', name: 'signup' }, { kind: 'custom_event' }, false],
    ['scrolled past the depth', { kind: 'scroll', percent: 50 }, { kind: 'scroll', scrollPercent: 75 }, true],
    ['scrolled exactly the depth', { kind: 'scroll', percent: 50 }, { kind: 'scroll', scrollPercent: 50 }, true],
    ['scrolled less', { kind: 'scroll', percent: 50 }, { kind: 'scroll', scrollPercent: 49 }, false],
    ['scroll depth unknown', { kind: 'scroll', percent: 50 }, { kind: 'scroll' }, false],
    ['long enough on the page', { kind: 'time_on_page', seconds: 10 }, { kind: 'time_on_page', secondsOnPage: 10 }, true],
    ['one second of slack', { kind: 'time_on_page', seconds: 10 }, { kind: 'time_on_page', secondsOnPage: 9 }, true],
    ['too early', { kind: 'time_on_page', seconds: 10 }, { kind: 'time_on_page', secondsOnPage: 8.5 }, false],
    ['time on page unknown', { kind: 'time_on_page', seconds: 10 }, { kind: 'time_on_page' }, false],
    ['chat opened', { kind: 'chat_opened' }, { kind: 'chat_opened' }, true],
  ] as [string, TargetingInput['trigger'], FiredTrigger, boolean][])('%s → %s', (_, trigger, fired, starts) => {
    const verdict = one(trigger, fired);
    expect(verdict.outcome).toBe(starts ? 'starts' : 'excluded');
    if (!starts) expect(verdict.reason!.code).toBe('other_trigger');
  });

  it('returning_visit needs a second visit', () => {
    expect(one({ kind: 'returning_visit' }, { kind: 'returning_visit' }, { visitCount: 2 }).outcome).toBe('starts');
    const first = one({ kind: 'returning_visit' }, { kind: 'returning_visit' }, { visitCount: 1 });
    expect(first.reason).toEqual({ code: 'other_trigger', message: "It starts on a returning visit, and this is the visitor's first visit" });
  });

  it('threshold messages', () => {
    expect(one({ kind: 'scroll', percent: 50 }, { kind: 'scroll', scrollPercent: 30 }).reason!.message).toBe(
      'It starts when the visitor scrolls 50 % of the page (30 % scrolled)',
    );
    expect(one({ kind: 'custom_event', name: 'a' }, { kind: 'custom_event', name: 'b' }).reason!.message).toBe('It waits for the event "a", not "b"');
    expect(one({ kind: 'time_on_page', seconds: 30 }, { kind: 'time_on_page', secondsOnPage: 12.7 }).reason!.message).toBe(
      'It starts after 30 s on the page (the page has been open 12 s)',
    );
  });

  it('trigger null: triggers are not checked, the best chatbot that could start is chosen', () => {
    const choice = chooseChatbot(
      [bot({ id: 'scroll', priority: 5, trigger: { kind: 'scroll', percent: 90 } }), bot({ id: 'event', priority: 3, trigger: { kind: 'custom_event', name: 'x' } })],
      situation(null),
    );
    expect(summary(choice)).toEqual([
      ['scroll', 'starts', null],
      ['event', 'outranked', 'outranked'],
    ]);
  });
});

describe('armableChatbots', () => {
  it('every chatbot that could start on this page, highest priority first, with its trigger', () => {
    const candidates = [
      bot({ id: 'scroll', priority: 1, trigger: { kind: 'scroll', percent: 60 } }),
      bot({ id: 'timer', priority: 4, trigger: { kind: 'time_on_page', seconds: 3 } }),
      bot({ id: 'elsewhere', priority: 9, conditions: all(cond('page_url', 'contains', '/blog')) }),
      bot({ id: 'off', priority: 9, active: false }),
      bot({ id: 'seen', priority: 9, shownThisVisit: true }),
      bot({ id: 'returning', priority: 2, trigger: { kind: 'returning_visit' } }),
      bot({ id: 'event', priority: 4, createdAt: 1, trigger: { kind: 'custom_event', name: 'cart_abandoned' } }),
    ];
    expect(armableChatbots(candidates, { facts: factsOf({ visitCount: 1 }), openConversation: false })).toEqual([
      { chatbotId: 'event', trigger: { kind: 'custom_event', name: 'cart_abandoned' } },
      { chatbotId: 'timer', trigger: { kind: 'time_on_page', seconds: 3 } },
      { chatbotId: 'scroll', trigger: { kind: 'scroll', percent: 60 } },
    ]);
    expect(armableChatbots(candidates, { facts: factsOf({ visitCount: 2 }), openConversation: false }).map((a) => a.chatbotId)).toEqual([
      'event',
      'timer',
      'returning',
      'scroll',
    ]);
  });

  it('nothing while a conversation is open', () => {
    expect(armableChatbots([bot({ id: 'x' })], { facts: factsOf(), openConversation: true })).toEqual([]);
  });
});
