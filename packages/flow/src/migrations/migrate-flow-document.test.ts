import { describe, expect, it } from 'vitest';
import { FLOW_SCHEMA_VERSION } from '../schema/flow-document.js';
import { supportFlow } from '../testing/flows.js';
import { applyMigrations } from './apply-migrations.js';
import { FlowDocumentError, migrateFlowDocument } from './migrate-flow-document.js';
import { parseFlowDocument } from './parse-flow-document.js';

/** A version-1 document exactly as it is stored (every default written out). */
const STORED_V1 = JSON.stringify(supportFlow());

describe('migrateFlowDocument', () => {
  it('reads a stored version-1 document unchanged', () => {
    expect(FLOW_SCHEMA_VERSION).toBe(1);
    const stored = JSON.parse(STORED_V1);
    expect(migrateFlowDocument(stored)).toEqual(stored);
    expect(JSON.stringify(migrateFlowDocument(JSON.parse(STORED_V1)))).toBe(STORED_V1);
  });

  it('refuses a document without a version, or from a newer Parley', () => {
    const { schemaVersion: _, ...unversioned } = JSON.parse(STORED_V1);
    expect(() => migrateFlowDocument(unversioned)).toThrow(FlowDocumentError);
    expect(parseFlowDocument(unversioned)).toEqual({
      ok: false,
      problems: [{ nodeId: null, path: ['schemaVersion'], code: 'unsupported_version', message: 'The flow has no valid "schemaVersion"' }],
    });
    const future = parseFlowDocument({ ...JSON.parse(STORED_V1), schemaVersion: 2 });
    expect(future).toMatchObject({ ok: false, problems: [{ code: 'unsupported_version' }] });
    if (!future.ok) expect(future.problems[0]!.message).toContain('newer version');
  });

  it('refuses what is not a JSON object', () => {
    for (const input of [null, 'flow', 42, []]) {
      expect(parseFlowDocument(input)).toMatchObject({ ok: false, problems: [{ code: 'unsupported_version' }] });
    }
  });

  it('reports schema mistakes with their paths and nodes, and throws them all together', () => {
    const doc = JSON.parse(STORED_V1);
    doc.nodes.menu.choices[1].next = 42;
    doc.nodes.welcome.imageUrl = 'javascript:alert(1)';
    const result = parseFlowDocument(doc);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      expect.objectContaining({ nodeId: 'welcome', path: ['nodes', 'welcome', 'imageUrl'], code: 'schema' }),
      expect.objectContaining({ nodeId: 'menu', path: ['nodes', 'menu', 'choices', 1, 'next'], code: 'schema' }),
    ]);
    try {
      migrateFlowDocument(doc);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(FlowDocumentError);
      expect((error as FlowDocumentError).problems).toHaveLength(2);
      expect((error as FlowDocumentError).message).toContain('nodes.menu.choices.1.next');
    }
  });

  it('points into nested condition groups rather than at the whole union', () => {
    const doc = JSON.parse(STORED_V1);
    doc.nodes.route.branches[0].when.conditions.push({ match: 'any', conditions: [{ field: { source: 'variable', name: 'x' }, operator: 'gt', value: 'ten' }] });
    const result = parseFlowDocument(doc);
    expect(result).toMatchObject({
      ok: false,
      problems: [{ nodeId: 'route', path: ['nodes', 'route', 'branches', 0, 'when', 'conditions', 1, 'conditions', 0, 'value'] }],
    });
  });
});

describe('applyMigrations', () => {
  const chain = {
    1: (doc: Record<string, unknown>) => ({ ...doc, start: doc.startNodeId, startNodeId: undefined }),
    2: (doc: Record<string, unknown>) => ({ ...doc, languages: [doc.defaultLanguage] }),
  };

  it('applies each step from the document version up to the target, in order', () => {
    const result = applyMigrations({ schemaVersion: 1, startNodeId: 'a', defaultLanguage: 'en' }, chain, 3);
    expect(result).toEqual({ ok: true, document: { schemaVersion: 3, start: 'a', startNodeId: undefined, defaultLanguage: 'en', languages: ['en'] } });
    expect(applyMigrations({ schemaVersion: 2, defaultLanguage: 'cs' }, chain, 3)).toEqual({
      ok: true,
      document: { schemaVersion: 3, defaultLanguage: 'cs', languages: ['cs'] },
    });
  });

  it('leaves a current document as it is', () => {
    const doc = { schemaVersion: 3, x: 1 };
    expect(applyMigrations(doc, chain, 3)).toEqual({ ok: true, document: doc });
  });

  it('refuses a gap in the chain', () => {
    expect(applyMigrations({ schemaVersion: 1 }, { 2: chain[2] }, 3)).toEqual({ ok: false, message: 'No migration from flow format 1 to 2' });
  });
});

describe('parseFlowDocument problem messages', () => {
  it('tells a missing field from a field of the wrong type', () => {
    const flow = structuredClone(supportFlow()) as unknown as { nodes: Record<string, Record<string, unknown>> };
    const [id, node] = Object.entries(flow.nodes).find(([, n]) => n.kind === 'message')!;
    const wrongType = structuredClone(flow);
    wrongType.nodes[id] = { ...node, text: 42 };
    const missing = structuredClone(flow);
    const { text: _dropped, ...withoutText } = node;
    missing.nodes[id] = withoutText;

    const wrong = parseFlowDocument(wrongType);
    const absent = parseFlowDocument(missing);
    expect(wrong.ok).toBe(false);
    expect(absent.ok).toBe(false);
    if (wrong.ok || absent.ok) return;
    expect(wrong.problems[0]).toMatchObject({ nodeId: id, path: ['nodes', id, 'text'] });
    expect(wrong.problems[0]!.message).not.toMatch(/required/);
    expect(absent.problems[0]).toMatchObject({ nodeId: id, path: ['nodes', id, 'text'], message: '"text" is required' });
  });
});
