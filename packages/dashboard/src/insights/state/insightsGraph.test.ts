import { describe, expect, it } from 'vitest';
import type { FlowDocument } from '@parley/flow';
import { sampleFlow } from '../../chatbots/state/testFlow';
import { EDGE_WIDTH_MAX, EDGE_WIDTH_MIN, EDGE_WIDTH_NONE, edgeWidth, mergeInsights, nodeFiguresText } from './insightsGraph';
import { graphLanguage, graphVersionId, versionLabel } from './selection';

describe('edge thickness', () => {
  it('is proportional to the visitors who took the edge, with a visible floor', () => {
    expect(edgeWidth(100, 100)).toBe(EDGE_WIDTH_MAX);
    expect(edgeWidth(50, 100)).toBe(EDGE_WIDTH_MAX / 2);
    expect(edgeWidth(25, 100)).toBe(EDGE_WIDTH_MAX / 4);
    expect(edgeWidth(1, 100)).toBe(EDGE_WIDTH_MIN);
    expect(edgeWidth(0, 100)).toBe(EDGE_WIDTH_NONE);
    expect(edgeWidth(0, 0)).toBe(EDGE_WIDTH_NONE);
    expect(edgeWidth(5, 3)).toBe(EDGE_WIDTH_MAX);
  });
});

describe('node figures text', () => {
  it('says reached, dropped off and its share', () => {
    expect(nodeFiguresText({ reached: 40, droppedOff: 10 }, 'en')).toBe('reached 40 · dropped off 10 (25%)');
    expect(nodeFiguresText({ reached: 3, droppedOff: 0 }, 'en')).toBe('reached 3 · dropped off 0 (0%)');
    expect(nodeFiguresText({ reached: 0, droppedOff: 0 }, 'en')).toBe('reached 0 · dropped off 0');
  });
});

function flowWithSharedTarget(): FlowDocument {
  const flow = sampleFlow();
  const menu = flow.nodes.menu;
  if (menu?.kind !== 'buttons') throw new Error('sample changed');
  flow.nodes.menu = {
    ...menu,
    choices: [...menu.choices, { id: 'faq', label: 'FAQ', next: 'bye' }],
    humanChoice: { id: 'human', label: 'A person', groupId: null, agentId: null },
  };
  return flow;
}

describe('merging insights onto the flow', () => {
  it('puts recorded figures on steps, buttons and edges, and nothing else', () => {
    const graph = mergeInsights(sampleFlow(), {
      nodes: [
        { nodeId: 'welcome', reached: 40, droppedOff: 2 },
        { nodeId: 'menu', reached: 38, droppedOff: 8 },
        { nodeId: 'ask', reached: 12, droppedOff: 3 },
      ],
      choices: [
        { nodeId: 'menu', choiceId: 'pricing', chosen: 18 },
        { nodeId: 'menu', choiceId: 'contact', chosen: 12 },
      ],
      edges: [
        { from: 'welcome', to: 'menu', taken: 38 },
        { from: 'menu', to: 'bye', taken: 18 },
        { from: 'menu', to: 'ask', taken: 12 },
      ],
    });
    expect(graph.figures.get('menu')).toEqual({ reached: 38, droppedOff: 8, choices: { pricing: 18, contact: 12 } });
    expect(graph.figures.get('tag')).toBeUndefined(); // never reached: the canvas shows zeros, faded
    expect(graph.maxTaken).toBe(38);
    const byId = Object.fromEntries(graph.edges.map((e) => [`${e.source}~${e.sourceHandle}`, e]));
    expect(byId['welcome~next']).toMatchObject({ target: 'menu', taken: 38, width: EDGE_WIDTH_MAX, shared: false });
    expect(byId['menu~choice:pricing']).toMatchObject({ target: 'bye', taken: 18 });
    expect(byId['menu~choice:pricing']!.width).toBeCloseTo((EDGE_WIDTH_MAX * 18) / 38);
    expect(byId['ask~next']).toMatchObject({ taken: 0, width: EDGE_WIDTH_NONE });
    expect(graph.offGraph).toEqual({ nodes: [], choices: [], edges: [] });
  });

  it('gives a pair of steps one labelled edge when several outlets join them, and counts the human button', () => {
    const graph = mergeInsights(flowWithSharedTarget(), {
      nodes: [{ nodeId: 'menu', reached: 10, droppedOff: 0 }],
      choices: [
        { nodeId: 'menu', choiceId: 'faq', chosen: 4 },
        { nodeId: 'menu', choiceId: 'human', chosen: 2 },
      ],
      edges: [{ from: 'menu', to: 'bye', taken: 7 }],
    });
    const toBye = graph.edges.filter((e) => e.source === 'menu' && e.target === 'bye');
    expect(toBye.map((e) => [e.sourceHandle, e.taken, e.shared])).toEqual([
      ['choice:pricing', 7, false],
      ['choice:faq', 7, true],
    ]);
    expect(toBye[1]!.width).toBe(EDGE_WIDTH_NONE);
    expect(graph.figures.get('menu')!.choices).toEqual({ faq: 4, human: 2 });
  });

  it('lists figures the graph has no place for instead of spreading them', () => {
    const graph = mergeInsights(sampleFlow(), {
      nodes: [{ nodeId: 'old-step', reached: 5, droppedOff: 5 }],
      choices: [
        { nodeId: 'menu', choiceId: 'removed', chosen: 3 },
        { nodeId: 'gone', choiceId: 'x', chosen: 1 },
      ],
      edges: [
        { from: 'welcome', to: 'ask', taken: 2 },
        { from: 'welcome', to: 'menu', taken: 1 },
      ],
    });
    expect(graph.offGraph.nodes.map((n) => n.nodeId)).toEqual(['old-step']);
    expect(graph.offGraph.choices.map((c) => c.choiceId)).toEqual(['removed', 'x']);
    expect(graph.offGraph.edges).toEqual([{ from: 'welcome', to: 'ask', taken: 2 }]);
    expect(graph.maxTaken).toBe(1);
  });
});

describe('what the insights page draws', () => {
  it('labels versions with their day in the workspace zone', () => {
    expect(versionLabel({ number: 3, publishedAt: '2026-11-20T23:30:00Z' }, 'UTC')).toBe('v3 · 2026-11-20');
    expect(versionLabel({ number: 3, publishedAt: '2026-11-20T23:30:00Z' }, 'Europe/Prague')).toBe('v3 · 2026-11-21');
  });
  it('draws the chosen version, else the latest published one', () => {
    expect(graphVersionId('v1', 'v3', [{ id: 'v3' }])).toBe('v1');
    expect(graphVersionId(null, 'v3', [{ id: 'v2' }])).toBe('v3');
    expect(graphVersionId(null, null, [{ id: 'v2' }])).toBe('v2');
    expect(graphVersionId(null, null, [])).toBeNull();
  });
  it('draws a language variant only when the flow has it', () => {
    const flow = sampleFlow();
    flow.variants = { cs: { texts: {} } } as unknown as FlowDocument['variants'];
    expect(graphLanguage(flow, 'cs')).toBe('cs');
    expect(graphLanguage(flow, 'de')).toBe('en');
    expect(graphLanguage(flow, null)).toBe('en');
  });
});
