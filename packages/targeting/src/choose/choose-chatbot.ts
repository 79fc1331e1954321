import { FactView } from '../evaluate/fact-view.js';
import type { CompiledTargeting } from '../evaluate/compile-targeting.js';
import { evaluateWithView } from '../evaluate/evaluate-conditions.js';
import type { TargetingFacts, Trigger, TriggerKind } from '../schema.js';

/** A chatbot the server considers for a visitor and a page. */
export interface Candidate {
  chatbotId: string;
  name: string;
  priority: number;
  /** Epoch ms: the older chatbot wins a tie on priority. */
  createdAt: number;
  active: boolean;
  published: boolean;
  /** `compileTargeting(chatbot.targeting)`, best kept with the chatbot between page views. */
  targeting: CompiledTargeting;
  /** Whether this chatbot already started during the visitor's current visit. */
  shownThisVisit: boolean;
  /** Whether this chatbot ever started for this visitor. */
  shownToVisitor: boolean;
}

/** A trigger the widget reports as fired, with what the server can check about it. */
export interface FiredTrigger {
  kind: TriggerKind;
  /** `custom_event`: the event's name. */
  name?: string;
  /** `scroll`: how far the visitor scrolled, in % of the page. */
  scrollPercent?: number;
  /** `time_on_page`: how old the page view is, in seconds (measured by the server). */
  secondsOnPage?: number;
}

export interface Situation {
  facts: TargetingFacts;
  /** What fired; null: which chatbots could start on this page at all (triggers not checked). */
  trigger: FiredTrigger | null;
  /** The visitor has an open conversation (with an agent or a chatbot). */
  openConversation: boolean;
}

export type VerdictCode =
  | 'inactive'
  | 'unpublished'
  | 'conversation_ongoing'
  | 'other_trigger'
  | 'shown_this_visit'
  | 'shown_to_visitor'
  | 'condition'
  | 'outranked';

export interface VerdictReason {
  code: VerdictCode;
  message: string;
  /** `condition`: the index path of the condition that excluded the chatbot. */
  path?: number[];
}

export interface Verdict {
  chatbotId: string;
  name: string;
  outcome: 'starts' | 'excluded' | 'outranked';
  /** Null for the chatbot that starts. */
  reason: VerdictReason | null;
}

export interface Choice {
  /** The chatbot that starts, or null. */
  chatbotId: string | null;
  /** One per candidate, highest priority first (then the oldest, then by id). */
  verdicts: Verdict[];
}

/** A chatbot the widget should arm, with its trigger. */
export interface Armable {
  chatbotId: string;
  trigger: Trigger;
}

/**
 * Which chatbot starts: every candidate is checked — active, published, no
 * open conversation, the trigger that fired is its own (and reached its
 * threshold), its frequency allows it, its conditions hold — and the
 * highest priority among those that pass starts (ties: the oldest, then by
 * id). `verdicts` tells, for the debugger, why each other one does not.
 * With `trigger: null` triggers are not checked (returning_visit still needs
 * a returning visitor): the best chatbot that could start on this page.
 */
export function chooseChatbot(candidates: readonly Candidate[], situation: Situation): Choice {
  const view = new FactView(situation.facts);
  const ranked = rank(candidates);
  const reasons = ranked.map((candidate) => exclusionReason(candidate, situation, view));
  const winnerAt = reasons.indexOf(null);
  const winner = winnerAt === -1 ? null : ranked[winnerAt]!;
  const verdicts = ranked.map((candidate, i): Verdict => {
    const reason = reasons[i]!;
    if (reason !== null) return { chatbotId: candidate.chatbotId, name: candidate.name, outcome: 'excluded', reason };
    if (i === winnerAt) return { chatbotId: candidate.chatbotId, name: candidate.name, outcome: 'starts', reason: null };
    return {
      chatbotId: candidate.chatbotId,
      name: candidate.name,
      outcome: 'outranked',
      reason: { code: 'outranked', message: outrankedMessage(candidate, winner!) },
    };
  });
  return { chatbotId: winner?.chatbotId ?? null, verdicts };
}

/**
 * The chatbots that could start on this page — everything but the trigger
 * checked — with the trigger the widget should arm for each, highest
 * priority first. Every one is listed (a lower one may start when a higher
 * one's trigger never fires); the server decides again when one fires.
 */
export function armableChatbots(candidates: readonly Candidate[], situation: Omit<Situation, 'trigger'>): Armable[] {
  const view = new FactView(situation.facts);
  const whole: Situation = { ...situation, trigger: null };
  return rank(candidates)
    .filter((candidate) => exclusionReason(candidate, whole, view) === null)
    .map((candidate) => ({ chatbotId: candidate.chatbotId, trigger: candidate.targeting.trigger }));
}

/** Highest priority first, then the oldest, then by id. */
function rank(candidates: readonly Candidate[]): Candidate[] {
  return [...candidates].sort(
    (a, b) =>
      b.priority - a.priority ||
      a.createdAt - b.createdAt ||
      (a.chatbotId < b.chatbotId ? -1 : a.chatbotId > b.chatbotId ? 1 : 0),
  );
}

/** The first reason the candidate cannot start, or null. */
function exclusionReason(candidate: Candidate, situation: Situation, view: FactView): VerdictReason | null {
  if (!candidate.active) return { code: 'inactive', message: 'The chatbot is not active' };
  if (!candidate.published) return { code: 'unpublished', message: 'The chatbot has no published version' };
  if (situation.openConversation) {
    return { code: 'conversation_ongoing', message: 'The visitor has an open conversation' };
  }
  const triggerMiss = triggerMismatch(candidate.targeting.trigger, situation.trigger, situation.facts);
  if (triggerMiss !== null) return { code: 'other_trigger', message: triggerMiss };
  const { frequency } = candidate.targeting;
  if (frequency === 'once_per_visitor' && (candidate.shownToVisitor || candidate.shownThisVisit)) {
    return { code: 'shown_to_visitor', message: 'It starts once per visitor and this visitor has already seen it' };
  }
  if (frequency === 'once_per_visit' && candidate.shownThisVisit) {
    return { code: 'shown_this_visit', message: 'It starts once per visit and it already started during this visit' };
  }
  const result = evaluateWithView(candidate.targeting, view);
  if (!result.match) return { code: 'condition', message: result.exclusion.message, path: result.exclusion.path };
  return null;
}

/** Why the chatbot's trigger does not fit what fired, or null when it does. */
function triggerMismatch(own: Trigger, fired: FiredTrigger | null, facts: TargetingFacts): string | null {
  if (own.kind === 'returning_visit' && !(facts.visitCount >= 2)) {
    return 'It starts on a returning visit, and this is the visitor\'s first visit';
  }
  if (fired === null) return null;
  if (fired.kind !== own.kind) return `It starts ${describeTrigger(own)}, not ${describeFired(fired)}`;
  switch (own.kind) {
    case 'custom_event':
      return fired.name === own.name ? null : `It waits for the event "${own.name}", not ${fired.name === undefined ? 'an unnamed event' : `"${fired.name}"`}`;
    case 'scroll': {
      const percent = fired.scrollPercent;
      if (typeof percent === 'number' && percent >= own.percent) return null;
      return `It starts when the visitor scrolls ${own.percent} % of the page (${typeof percent === 'number' ? `${percent} % scrolled` : 'the depth is unknown'})`;
    }
    case 'time_on_page': {
      // The widget's timer and the server's clock differ a little: one second of slack.
      const seconds = fired.secondsOnPage;
      if (typeof seconds === 'number' && seconds >= own.seconds - 1) return null;
      return `It starts after ${own.seconds} s on the page (${typeof seconds === 'number' ? `the page has been open ${Math.floor(seconds)} s` : 'the time on the page is unknown'})`;
    }
    default:
      return null;
  }
}

function describeTrigger(trigger: Trigger): string {
  switch (trigger.kind) {
    case 'time_on_page':
      return `after ${trigger.seconds} s on the page`;
    case 'scroll':
      return `when the visitor scrolls ${trigger.percent} % of the page`;
    case 'exit_intent':
      return 'when the visitor is about to leave';
    case 'returning_visit':
      return 'on a returning visit';
    case 'chat_opened':
      return 'when the visitor opens the chat';
    case 'custom_event':
      return `on the event "${trigger.name}"`;
  }
}

function describeFired(fired: FiredTrigger): string {
  switch (fired.kind) {
    case 'time_on_page':
      return 'on time on the page';
    case 'scroll':
      return 'on scrolling';
    case 'exit_intent':
      return 'on exit intent';
    case 'returning_visit':
      return 'on a returning visit';
    case 'chat_opened':
      return 'when the chat is opened';
    case 'custom_event':
      return fired.name === undefined ? 'on a custom event' : `on the event "${fired.name}"`;
  }
}

function outrankedMessage(candidate: Candidate, winner: Candidate): string {
  const why =
    winner.priority !== candidate.priority
      ? `higher priority: ${winner.priority} vs ${candidate.priority}`
      : winner.createdAt !== candidate.createdAt
        ? `same priority, created earlier`
        : `same priority and age, first by id`;
  return `"${winner.name}" starts instead (${why})`;
}
