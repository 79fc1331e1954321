import { describe, expect, it } from 'vitest';
import { supportFlow, supportFlowInput } from '../testing/flows.js';
import { FlowDocumentSchema } from './flow-document.js';
import { FlowNodeSchema, NODE_KINDS } from './nodes.js';

describe('FlowDocumentSchema', () => {
  it('fills defaults, and a parsed document parses to itself (stable round trip)', () => {
    const parsed = supportFlow();
    expect(parsed.variants.cs?.nodes.menu?.choices).toEqual({ pricing: 'Ceník', contact: 'Kontaktujte mě' });
    expect(parsed.nodes.welcome).toMatchObject({ imageUrl: null, link: null });
    expect(parsed.nodes.ask_email).toMatchObject({ saveTo: null, maxRetries: 3, whenRetriesExhausted: 'handover' });
    expect(FlowDocumentSchema.parse(parsed)).toEqual(parsed);
    expect(FlowDocumentSchema.parse(JSON.parse(JSON.stringify(parsed)))).toEqual(parsed);
  });

  it('reads every node kind and every action', () => {
    const nodes = {
      m: { kind: 'message', text: 'Hi', imageUrl: 'https://acme.example/a.png', next: 'b' },
      b: { kind: 'buttons', text: 'Pick', choices: [{ id: 'c1', label: 'One', next: 'q' }] },
      q: { kind: 'question', field: 'number', prompt: 'How many?', retryMessage: 'A number, please', saveTo: { kind: 'variable', name: 'seats' } },
      c: { kind: 'condition', branches: [], else: null },
      t1: { kind: 'action', action: 'add_tag', tag: 'vip' },
      t2: { kind: 'action', action: 'remove_tag', tag: 'vip' },
      p: { kind: 'action', action: 'set_contact_property', key: 'plan', value: 'pro' },
      h: { kind: 'action', action: 'handover', agentId: 'agent-1' },
      x: { kind: 'action', action: 'close_conversation' },
      u: { kind: 'action', action: 'open_url', url: 'https://acme.example' },
      d: { kind: 'action', action: 'delay', seconds: 2 },
      w: { kind: 'action', action: 'call_webhook', url: 'https://api.acme.example/orders', body: '{"e":"{{contact.email}}"}' },
      g: { kind: 'action', action: 'go_to_flow', flowId: 'returns' },
      e: { kind: 'end' },
    };
    const parsed = FlowDocumentSchema.parse({ schemaVersion: 1, startNodeId: 'm', defaultLanguage: 'en', nodes });
    expect(new Set(Object.values(parsed.nodes).map((n) => n.kind))).toEqual(new Set(NODE_KINDS));
    expect(parsed.nodes.w).toMatchObject({ method: 'POST', responseMapping: [], next: null, onFailure: null });
    expect(parsed.nodes.u).toMatchObject({ newTab: true });
  });

  it('refuses an unknown node kind with the path of the mistake', () => {
    const result = FlowNodeSchema.safeParse({ kind: 'carousel', text: 'x' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['kind']);
  });

  it('refuses unknown fields, so a typo is not silently dropped', () => {
    const result = FlowNodeSchema.safeParse({ kind: 'message', text: 'x', nxt: 'y' });
    expect(result.error?.issues[0]).toMatchObject({ code: 'unrecognized_keys', keys: ['nxt'] });
  });

  it('only accepts web addresses for images, links, URLs and webhooks', () => {
    for (const url of ['javascript:alert(1)', 'data:text/html,x', '/relative', 'ftp://acme.example', 'https://']) {
      expect(FlowNodeSchema.safeParse({ kind: 'action', action: 'open_url', url }).success, url).toBe(false);
      expect(FlowNodeSchema.safeParse({ kind: 'message', text: 'x', imageUrl: url }).success, url).toBe(false);
    }
  });

  it('refuses ids that are not stable machine identifiers', () => {
    for (const id of ['', 'has space', '_leading', 'a'.repeat(65), 'ünï']) {
      const input = supportFlowInput();
      expect(FlowDocumentSchema.safeParse({ ...input, nodes: { ...input.nodes, [id]: { kind: 'end' } } }).success, id).toBe(false);
    }
  });

  it('refuses a question that allows more than 10 retries and delays outside 1 s – 1 day', () => {
    expect(FlowNodeSchema.safeParse({ kind: 'question', field: 'name', prompt: 'p', retryMessage: 'r', maxRetries: 11 }).success).toBe(false);
    expect(FlowNodeSchema.safeParse({ kind: 'action', action: 'delay', seconds: 0 }).success).toBe(false);
    expect(FlowNodeSchema.safeParse({ kind: 'action', action: 'delay', seconds: 86_401 }).success).toBe(false);
    expect(FlowNodeSchema.safeParse({ kind: 'action', action: 'delay', seconds: 1.5 }).success).toBe(false);
  });
});
