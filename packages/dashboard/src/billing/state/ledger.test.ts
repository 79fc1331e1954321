import type { FlowDocument } from '@parley/flow';
import { describe, expect, it } from 'vitest';
import { describeInteraction, versionKey, versionsToLoad } from './ledger';

const flow = {
  nodes: {
    menu: {
      kind: 'buttons',
      name: 'Main menu',
      text: 'How can we help?',
      choices: [{ id: 'pricing', label: 'Pricing', next: null }],
      humanChoice: { id: 'human', label: 'Talk to a human', groupId: null, agentId: null },
    },
    plain: { kind: 'buttons', text: 'Would you like a demo of the whole product suite with our team next week?', choices: [], humanChoice: null },
    email: { kind: 'question', field: 'email', prompt: 'Your email?', retryMessage: 'Again?', saveTo: null, maxRetries: 2, whenRetriesExhausted: 'handover', next: null },
  },
} as unknown as Pick<FlowDocument, 'nodes'>;

describe('a ledger row', () => {
  it('names the button and the step of the version that ran', () => {
    expect(describeInteraction({ interaction: 'button_chosen', nodeId: 'menu', choiceId: 'pricing' }, flow)).toEqual({
      kind: 'Button chosen',
      detail: '“Pricing”',
      step: 'Main menu',
    });
    expect(describeInteraction({ interaction: 'button_chosen', nodeId: 'menu', choiceId: 'human' }, flow).detail).toBe('“Talk to a human”');
    expect(describeInteraction({ interaction: 'button_chosen', nodeId: 'plain', choiceId: 'gone' }, flow)).toEqual({
      kind: 'Button chosen',
      detail: 'gone',
      step: 'Buttons · Would you like a demo of the whole product suit…',
    });
  });

  it('names the question answered', () => {
    expect(describeInteraction({ interaction: 'answer_given', nodeId: 'email', choiceId: null }, flow)).toEqual({
      kind: 'Answer given',
      detail: 'email',
      step: 'Question · Your email?',
    });
  });

  it('falls back to the ids without the version', () => {
    expect(describeInteraction({ interaction: 'button_chosen', nodeId: 'n2', choiceId: 'c1' }, null)).toEqual({ kind: 'Button chosen', detail: 'c1', step: 'n2' });
    expect(describeInteraction({ interaction: 'answer_given', nodeId: 'missing', choiceId: null }, flow)).toEqual({ kind: 'Answer given', detail: null, step: 'missing' });
  });

  it('loads each version once, a few at a time', () => {
    const entries = [
      { chatbotId: 'a', versionId: '1' },
      { chatbotId: 'a', versionId: '1' },
      { chatbotId: 'a', versionId: '2' },
      { chatbotId: 'b', versionId: '1' },
    ];
    expect(versionsToLoad(entries, new Set([versionKey({ chatbotId: 'a', versionId: '2' })]), 10).map((v) => v.key)).toEqual(['a/1', 'b/1']);
    expect(versionsToLoad(entries, new Set(), 1)).toHaveLength(1);
  });
});
