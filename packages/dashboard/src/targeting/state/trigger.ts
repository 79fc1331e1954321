import type { Frequency, Trigger, TriggerKind } from '@parley/targeting';

/** The triggers (docs/targeting.md "Triggers"), in the order the settings page offers them. */
export const TRIGGER_KINDS: readonly { kind: TriggerKind; label: string; hint: string }[] = [
  { kind: 'chat_opened', label: 'When the visitor opens the chat', hint: 'The chatbot greets whoever opens the chat box.' },
  { kind: 'time_on_page', label: 'After some time on the page', hint: 'Starts once the page has been open this long.' },
  { kind: 'scroll', label: 'After scrolling the page', hint: 'Starts once the visitor scrolled this far down the page.' },
  { kind: 'exit_intent', label: 'When the visitor is about to leave', hint: 'The pointer leaves through the top of the window (desktop only).' },
  { kind: 'returning_visit', label: 'On a returning visit', hint: 'On a page of any visit but the visitor’s first.' },
  { kind: 'custom_event', label: 'On a custom event', hint: 'Your website sends it: parley(\'event\', \'cart_abandoned\').' },
];

export function triggerLabel(kind: TriggerKind): string {
  return TRIGGER_KINDS.find((t) => t.kind === kind)?.label ?? kind;
}

/** The trigger of `kind`, keeping the parameter of `previous` when it is the same kind. */
export function triggerOfKind(kind: TriggerKind, previous?: Trigger): Trigger {
  if (previous && previous.kind === kind) return previous;
  switch (kind) {
    case 'time_on_page':
      return { kind, seconds: 5 };
    case 'scroll':
      return { kind, percent: 50 };
    case 'custom_event':
      return { kind, name: '' };
    default:
      return { kind };
  }
}

/** The parameter a trigger kind takes, for its input. */
export function triggerParam(kind: TriggerKind): { name: 'seconds' | 'percent' | 'name'; label: string; unit?: string; min?: number; max?: number } | null {
  switch (kind) {
    case 'time_on_page':
      return { name: 'seconds', label: 'Seconds on the page', unit: 's', min: 0, max: 3600 };
    case 'scroll':
      return { name: 'percent', label: 'Scrolled', unit: '%', min: 1, max: 100 };
    case 'custom_event':
      return { name: 'name', label: 'Event name' };
    default:
      return null;
  }
}

/** Sets the trigger's parameter; a number input left empty (null) gives NaN, which the checker refuses with a message. */
export function withTriggerParam(trigger: Trigger, value: string | number | null): Trigger {
  switch (trigger.kind) {
    case 'time_on_page':
      return { ...trigger, seconds: typeof value === 'number' ? value : Number.NaN };
    case 'scroll':
      return { ...trigger, percent: typeof value === 'number' ? value : Number.NaN };
    case 'custom_event':
      return { ...trigger, name: String(value ?? '') };
    default:
      return trigger;
  }
}

export const FREQUENCIES: readonly { value: Frequency; label: string; hint: string }[] = [
  { value: 'once_per_visit', label: 'Once per visit', hint: 'At most once until the visitor has been away for 30 minutes.' },
  { value: 'once_per_visitor', label: 'Once per visitor', hint: 'Never again for a visitor who has seen it.' },
  { value: 'every_page_view', label: 'Every page view', hint: 'Again on every page the conditions allow.' },
];
