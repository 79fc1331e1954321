import { checkTargeting, lintTargeting, type ConditionGroup, type LintWarning, type Targeting } from '@parley/targeting';
import { describe, expect, it } from 'vitest';
import {
  indexErrors,
  indexWarnings,
  liveErrors,
  mergeErrors,
  placeOfServerPath,
  placeOfTargetingPath,
  serverErrors,
  splitServerPath,
  warningsBesideErrors,
} from './issues';

const root: ConditionGroup = {
  kind: 'group',
  match: 'all',
  conditions: [
    { kind: 'condition', field: 'page_url', operator: 'regex', value: '(abc' },
    { kind: 'group', match: 'any', conditions: [{ kind: 'condition', field: 'visit_count', operator: 'is', value: 3 }] },
  ],
};

describe('paths → places', () => {
  it("reads the server's issue paths", () => {
    expect(splitServerPath('body.targeting.conditions.conditions.1.value')).toEqual(['targeting', 'conditions', 'conditions', 1, 'value']);
    expect(placeOfServerPath('body.targeting.conditions.conditions.1.conditions.0.operator')).toEqual({ kind: 'item', path: [1, 0], part: 'operator' });
    expect(placeOfServerPath('body.targeting.conditions.conditions.0.value.from')).toEqual({ kind: 'item', path: [0], part: 'value' });
    expect(placeOfServerPath('body.targeting.conditions.conditions.2')).toEqual({ kind: 'item', path: [2], part: null });
    expect(placeOfServerPath('body.targeting.conditions')).toEqual({ kind: 'item', path: [], part: null });
    expect(placeOfServerPath('body.targeting.conditions.conditions.1.match')).toEqual({ kind: 'item', path: [1], part: 'match' });
    expect(placeOfServerPath('body.targeting.trigger.name')).toEqual({ kind: 'trigger', part: 'name' });
    expect(placeOfServerPath('body.targeting.trigger')).toEqual({ kind: 'trigger', part: null });
    expect(placeOfServerPath('body.targeting.frequency')).toEqual({ kind: 'frequency' });
    expect(placeOfServerPath('body.priority')).toEqual({ kind: 'priority' });
    expect(placeOfServerPath('body.targeting')).toEqual({ kind: 'document' });
    expect(placeOfServerPath('body')).toEqual({ kind: 'document' });
  });

  it("reads the checker's paths the same way", () => {
    expect(placeOfTargetingPath(['conditions', 'conditions', 1, 'conditions', 0, 'key'])).toEqual({ kind: 'item', path: [1, 0], part: 'key' });
    expect(placeOfTargetingPath(['conditions', 'conditions', 1, 'conditions', 0, 'value', 2])).toEqual({ kind: 'item', path: [1, 0], part: 'value' });
    expect(placeOfTargetingPath(['trigger', 'seconds'])).toEqual({ kind: 'trigger', part: 'seconds' });
  });
});

describe('a refused save', () => {
  // the body the server answers for `root` (PUT /chatbots/:id/targeting)
  const issues = [
    { path: 'body.targeting.conditions.conditions.0.value', message: 'The pattern for Page URL cannot be used: missing ")"' },
    { path: 'body.targeting.conditions.conditions.1.conditions.0.operator', message: '"is" does not apply to Visit count (number)' },
    { path: 'body.priority', message: 'Invalid input: expected number, received string' },
  ];

  it('puts each issue on its condition, the rest on the priority', () => {
    const index = indexErrors(serverErrors(issues, 'ignored'), root);
    expect(index.items.get('0')?.map((e) => e.message)).toEqual([issues[0]!.message]);
    expect(index.items.get('1.0')?.[0]).toMatchObject({ place: { part: 'operator' }, source: 'server', code: null });
    expect(index.priority).toHaveLength(1);
    expect(index.document).toHaveLength(0);
  });

  it('without issues, shows the message on the document', () => {
    expect(serverErrors([], 'Only owners and admins can change chatbots')).toEqual([
      { place: { kind: 'document' }, message: 'Only owners and admins can change chatbots', code: null, source: 'server' },
    ]);
  });

  it('puts an issue about a condition that is gone on what is left of its way', () => {
    const index = indexErrors(serverErrors([{ path: 'body.targeting.conditions.conditions.1.conditions.4.value', message: 'x' }], ''), root);
    expect([...index.items.keys()]).toEqual(['1']);
  });
});

describe('live checking and linting', () => {
  it("maps checkTargeting's issues to the conditions, with their codes", () => {
    const checked = checkTargeting({ conditions: root });
    expect(checked.ok).toBe(false);
    const errors = liveErrors(checked.ok ? [] : checked.issues);
    const index = indexErrors(errors, root);
    expect(index.items.get('0')?.[0]).toMatchObject({ code: 'bad_regex', place: { part: 'value' }, source: 'live' });
    expect(index.items.get('1.0')?.[0]).toMatchObject({ code: 'operator_mismatch' });
  });

  it('does not say the same error twice when the server and the checker agree', () => {
    const live = liveErrors([{ path: ['conditions', 'conditions', 0, 'value'], code: 'bad_regex', message: 'same' }]);
    const server = serverErrors([{ path: 'body.targeting.conditions.conditions.0.value', message: 'same' }], '');
    expect(mergeErrors(server, live)).toEqual(server);
    expect(mergeErrors(server, liveErrors([{ path: ['trigger', 'name'], code: 'bad_value', message: 'other' }]))).toHaveLength(2);
  });

  it("places the linter's warnings by path and leaves out those a refusal already explains", () => {
    const targeting: Targeting = {
      trigger: { kind: 'chat_opened' },
      frequency: 'once_per_visit',
      conditions: {
        kind: 'group',
        match: 'all',
        conditions: [
          { kind: 'condition', field: 'visit_count', operator: 'gt', value: 5 },
          { kind: 'condition', field: 'visit_count', operator: 'lt', value: 3 },
          { kind: 'group', match: 'any', conditions: [] },
          { kind: 'condition', field: 'page_url', operator: 'regex', value: '(' },
        ],
      },
    };
    const warnings = lintTargeting(targeting);
    const index = indexWarnings(warnings, targeting.conditions);
    expect(index.get('1')?.[0]?.code).toBe('never_matches');
    expect(index.get('2')?.[0]?.code).toBe('empty_any_group');
    expect(index.get('3')?.[0]?.code).toBe('bad_regex');
    const checked = checkTargeting(targeting);
    const errors = liveErrors(checked.ok ? [] : checked.issues);
    const shown = warningsBesideErrors(warnings, errors);
    expect(shown.map((w: LintWarning) => w.path)).toEqual([[1], [2]]);
  });
});
