import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { DateRangePicker } from './DateRangePicker';
import { StatCard } from './StatCard';

const noop = () => undefined;

describe('statistics views', () => {
  it('starts a figure card with its number, then its label and its rate', () => {
    const html = renderToStaticMarkup(
      <StatCard testId="stat-resolved" label="Resolved by chatbot" value={25} rate="63% of 40 conversations where a chatbot was shown" />,
    );
    expect(html).toMatch(/^<div class="stat" data-testid="stat-resolved" data-value="25"><span class="stat__value">25<\/span>/);
    expect(html.replace(/<[^>]+>/g, '')).toBe('25Resolved by chatbot63% of 40 conversations where a chatbot was shown');
  });

  it('marks the preset in use and shows problems next to the date they concern', () => {
    const html = renderToStaticMarkup(
      <DateRangePicker
        selection={{ choice: 'custom', from: '2026-11-30', to: '2026-11-01' }}
        today="2026-11-30"
        errors={{ to: ['The last day is before the first day'] }}
        onChange={noop}
      />,
    );
    const tag = (attr: string) => html.match(new RegExp(`<[^>]*${attr}[^>]*>`))?.[0] ?? '';
    expect(tag('data-preset="custom"')).toContain('aria-pressed="true"');
    expect(tag('data-preset="30d"')).toContain('aria-pressed="false"');
    const to = tag('data-testid="range-to"');
    for (const attr of ['value="2026-11-01"', 'max="2026-11-30"', 'aria-invalid="true"']) expect(to).toContain(attr);
    expect(tag('data-testid="range-from"')).not.toContain('aria-invalid');
    expect(html).toContain('data-testid="range-error" data-field="to">To: The last day is before the first day</p>');
  });
});
