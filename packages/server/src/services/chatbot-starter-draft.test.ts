import { describe, expect, it } from 'vitest';
import { FlowDocumentSchema, validateFlow } from '@parley/flow';
import { starterDraft } from './chatbot-starter-draft.js';

describe('starterDraft', () => {
  it('is a publishable welcome message followed by buttons', () => {
    const draft = starterDraft('en');
    expect(validateFlow(draft)).toEqual([]);
    expect(draft.defaultLanguage).toBe('en');
    const start = draft.nodes[draft.startNodeId]!;
    expect(start.kind).toBe('message');
    const menu = start.kind === 'message' && start.next ? draft.nodes[start.next] : undefined;
    expect(menu?.kind).toBe('buttons');
    if (menu?.kind !== 'buttons') return;
    expect(menu.choices.length).toBeGreaterThanOrEqual(2);
    expect(menu.choices.length).toBeLessThanOrEqual(3);
    for (const choice of menu.choices) {
      const answer = draft.nodes[choice.next!]!;
      expect(answer.kind).toBe('message');
      expect(answer.kind === 'message' && answer.next ? draft.nodes[answer.next]?.kind : null).toBe('end');
    }
  });

  it('lays the steps out left to right', () => {
    const draft = starterDraft('cs');
    expect(FlowDocumentSchema.parse(draft)).toEqual(draft);
    const x = (id: string) => draft.nodes[id]!.position!.x;
    const menu = draft.nodes.menu!;
    if (menu.kind !== 'buttons') throw new Error('menu is not buttons');
    expect(x('welcome')).toBeLessThan(x('menu'));
    for (const choice of menu.choices) expect(x(choice.next!)).toBeGreaterThan(x('menu'));
    const ys = menu.choices.map((c) => draft.nodes[c.next!]!.position!.y);
    expect(new Set(ys).size).toBe(ys.length);
  });
});
