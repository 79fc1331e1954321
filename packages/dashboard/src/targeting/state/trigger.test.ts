import { checkTargeting, TriggerSchema } from '@parley/targeting';
import { describe, expect, it } from 'vitest';
import { TRIGGER_KINDS, triggerOfKind, triggerParam, withTriggerParam } from './trigger';

describe('triggers', () => {
  it('offers every trigger kind of the contract', () => {
    const kinds = TriggerSchema.options.map((o) => o.shape.kind.value);
    expect(TRIGGER_KINDS.map((t) => t.kind).sort()).toEqual([...kinds].sort());
  });

  it('gives each kind its default parameter and keeps the parameter of the same kind', () => {
    expect(triggerOfKind('time_on_page')).toEqual({ kind: 'time_on_page', seconds: 5 });
    expect(triggerOfKind('scroll')).toEqual({ kind: 'scroll', percent: 50 });
    expect(triggerOfKind('custom_event')).toEqual({ kind: 'custom_event', name: '' });
    expect(triggerOfKind('exit_intent', { kind: 'scroll', percent: 80 })).toEqual({ kind: 'exit_intent' });
    const kept = { kind: 'scroll', percent: 80 } as const;
    expect(triggerOfKind('scroll', kept)).toBe(kept);
    expect(triggerParam('chat_opened')).toBeNull();
    expect(triggerParam('scroll')).toMatchObject({ name: 'percent', min: 1, max: 100 });
  });

  it('sets the parameter; an emptied number is refused by the checker, not silently defaulted', () => {
    expect(withTriggerParam({ kind: 'time_on_page', seconds: 5 }, 12)).toEqual({ kind: 'time_on_page', seconds: 12 });
    expect(withTriggerParam({ kind: 'custom_event', name: '' }, 'cart_abandoned')).toEqual({ kind: 'custom_event', name: 'cart_abandoned' });
    const emptied = withTriggerParam({ kind: 'scroll', percent: 50 }, null);
    const checked = checkTargeting({ trigger: emptied });
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.issues[0]?.path).toEqual(['trigger', 'percent']);
    expect(withTriggerParam({ kind: 'chat_opened' }, 3)).toEqual({ kind: 'chat_opened' });
  });
});
