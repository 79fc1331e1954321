import type { ConditionGroup, LintWarning } from '@parley/targeting';
import { renderToStaticMarkup } from 'react-dom/server';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { ConditionTree, type TreeProps } from './ConditionTree';
import { DebugResult } from './DebuggerPage';
import { indexErrors, serverErrors } from './state/issues';

const root: ConditionGroup = {
  kind: 'group',
  match: 'all',
  conditions: [
    { kind: 'condition', field: 'page_url', operator: 'regex', value: '(abc' },
    {
      kind: 'group',
      match: 'any',
      conditions: [
        { kind: 'condition', field: 'day_of_week', operator: 'in', value: ['saturday', 'sunday'] },
        { kind: 'condition', field: 'time_of_day', operator: 'between', value: { from: '22:00', to: '06:00' } },
        { kind: 'condition', field: 'agents_online', operator: 'is_true' },
        { kind: 'condition', field: 'utm', key: 'campaign', operator: 'is', value: 'spring' },
      ],
    },
  ],
};

function render(overrides: Partial<TreeProps> = {}): string {
  const noop = () => undefined;
  const warnings = new Map<string, LintWarning[]>([['1.1', [{ path: [1, 1], code: 'empty_time_range', message: 'Empty range' }]]]);
  const errors = indexErrors(serverErrors([{ path: 'body.targeting.conditions.conditions.0.value', message: 'The pattern cannot be used' }], ''), root);
  return renderToStaticMarkup(
    <ConditionTree
      root={root}
      readOnly={false}
      errors={errors}
      warnings={warnings}
      highlighted={null}
      today="2026-03-12"
      onCondition={noop}
      onMatch={noop}
      onAddCondition={noop}
      onAddGroup={noop}
      onRemove={noop}
      onMove={noop}
      {...overrides}
    />,
  );
}

describe('the condition tree', () => {
  it('renders each condition and group with its path and the inputs its type needs', () => {
    const html = render();
    expect(html.match(/data-testid="condition"/g)).toHaveLength(5);
    expect(html).toContain('data-testid="condition-group" data-path="" data-match="all"');
    expect(html).toContain('data-testid="condition-group" data-path="1" data-match="any"');
    expect(html).toMatch(/data-testid="condition" data-path="0" data-field="page_url" data-operator="regex" data-value-kind="pattern"/);
    expect(html).toMatch(/data-path="1.0" data-field="day_of_week" data-operator="in" data-value-kind="enum_many"/);
    expect(html).toMatch(/data-path="1.2" data-field="agents_online" data-operator="is_true" data-value-kind="none"/);
    // a yes/no condition has no value input
    const agents = html.slice(html.indexOf('data-path="1.2"'), html.indexOf('data-path="1.3"'));
    expect(agents).not.toContain('condition-value');
    // operators fit the field: a number operator is not offered for a day
    const days = html.slice(html.indexOf('data-path="1.0"'), html.indexOf('data-path="1.1"'));
    expect(days).toContain('value="not_in"');
    expect(days).not.toContain('value="gt"');
    expect(days).toMatch(/<input type="checkbox"[^>]*checked=""[^>]*value="saturday"/);
    expect(days).not.toMatch(/<input type="checkbox"[^>]*checked=""[^>]*value="monday"/);
    // time range: two time inputs; utm: its key select
    expect(html).toMatch(/<input[^>]*type="time"[^>]*name="from"[^>]*value="22:00"/);
    expect(html).toContain('past midnight');
    expect(html).toMatch(/data-testid="condition-key"[^>]*>.*<option value="campaign" selected="">utm_campaign<\/option>/);
  });

  it('puts the errors and warnings on the conditions they concern', () => {
    const html = render();
    expect(html).toMatch(/data-testid="targeting-error" data-path="0" data-place="item" data-part="value" data-source="server"/);
    expect(html).toContain('data-testid="targeting-warning" data-path="1.1" data-code="empty_time_range"');
    const first = html.slice(html.indexOf('data-path="0"'), html.indexOf('data-path="1"'));
    expect(first).toContain('The pattern cannot be used');
    expect(first).toContain('aria-invalid="true"');
  });

  it('offers the edits to owners and none read-only', () => {
    const editable = render();
    expect(editable.match(/data-testid="add-condition"/g)).toHaveLength(2);
    expect(editable).toContain('data-testid="add-group" data-path="1"');
    expect(editable.match(/data-testid="remove-condition"/g)).toHaveLength(5);
    expect(editable).toContain('data-testid="remove-group"');
    const readOnly = render({ readOnly: true });
    expect(readOnly).not.toMatch(/add-condition|add-group|remove-condition|remove-group|move-up/);
    expect(readOnly).toMatch(/data-testid="condition-field"[^>]*disabled=""/);
  });

  it('highlights the condition a link points at', () => {
    expect(render({ highlighted: '1.3' })).toMatch(/data-path="1.3"[^>]*data-highlighted="true"/);
    expect(render({ highlighted: '1' })).toMatch(/data-testid="condition-group" data-path="1"[^>]*data-highlighted="true"/);
    expect(render()).not.toContain('data-highlighted');
  });
});

describe('the debugger result', () => {
  const html = (chatbotId: string | null) =>
    renderToStaticMarkup(
      <MemoryRouter>
        <DebugResult
          names={new Map()}
          answer={{
            chatbotId,
            localTime: 'Saturday, 28 November 2026 at 10:30',
            timeZone: 'Europe/Prague',
            verdicts: [
              { chatbotId: 'b1', name: 'Weekend', outcome: 'excluded', reason: { code: 'condition', message: 'Country is not "CZ"', path: [1, 0] } },
              { chatbotId: 'b2', name: 'Pricing', outcome: 'excluded', reason: { code: 'inactive', message: 'The chatbot is not active' } },
              ...(chatbotId ? [{ chatbotId, name: 'Everywhere', outcome: 'starts' as const, reason: null }] : []),
            ],
          }}
        />
      </MemoryRouter>,
    );

  it('names the winner and every verdict with its reason; a condition links to the settings', () => {
    const out = html('b3');
    expect(out).toMatch(/data-testid="debug-winner" data-chatbot-id="b3"><strong>Everywhere<\/strong> would start/);
    expect(out).toContain('data-testid="debug-verdict" data-chatbot-id="b1" data-outcome="excluded"');
    expect(out).toContain('data-testid="debug-verdict" data-chatbot-id="b3" data-outcome="starts"');
    expect(out).toMatch(/data-testid="debug-reason" data-code="condition" data-path="1.0"><a data-testid="debug-reason-link"[^>]*href="\/chatbots\/b1\/settings\?path=1.0"/);
    expect(out).toMatch(/data-code="inactive">The chatbot is not active</);
    expect(out).toContain('Europe/Prague');
  });

  it('says when none would start', () => {
    expect(html(null)).toMatch(/data-testid="debug-winner" data-chatbot-id="">No chatbot would start/);
  });
});
