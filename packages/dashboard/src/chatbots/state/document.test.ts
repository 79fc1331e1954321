import { nodeEdges as nodeEdgesOf, validateFlow } from '@parley/flow';
import { describe, expect, it } from 'vitest';
import {
  addBranch,
  addChoice,
  addNode,
  changeAction,
  connect,
  deleteNode,
  disconnect,
  moveNode,
  removeBranch,
  removeChoice,
  renameChoice,
  setHumanChoice,
  setStartNode,
} from './document';
import { edgeForHandle, handleId, outletLabel } from './handles';
import { sampleFlow } from './testFlow';
import { setVariantText } from './variants';

describe('document edits', () => {
  it('starts from a valid sample', () => {
    expect(validateFlow(sampleFlow())).toEqual([]);
  });

  it('adds a node with a fresh id at a rounded position, without touching the input', () => {
    const flow = sampleFlow();
    const before = JSON.stringify(flow);
    const { flow: next, nodeId } = addNode(flow, 'question', { x: 10.4, y: 20.6 });
    expect(nodeId).toBe('question_1');
    expect(next.nodes[nodeId]).toMatchObject({ kind: 'question', next: null, position: { x: 10, y: 21 } });
    expect(addNode(next, 'question', { x: 0, y: 0 }).nodeId).toBe('question_2');
    expect(JSON.stringify(flow)).toBe(before);
    expect(next.startNodeId).toBe('welcome');
  });

  it('makes the first node of an empty flow its start', () => {
    const empty = { ...sampleFlow(), nodes: {}, startNodeId: 'gone' };
    const { flow, nodeId } = addNode(empty, 'message', { x: 0, y: 0 });
    expect(flow.startNodeId).toBe(nodeId);
  });

  it('connects and disconnects outlets by handle id', () => {
    let { flow, nodeId } = addNode(sampleFlow(), 'question', { x: 0, y: 0 });
    flow = connect(flow, 'menu', 'choice:pricing', nodeId);
    expect(flow.nodes.menu).toMatchObject({ choices: [{ id: 'pricing', next: nodeId }, { id: 'contact', next: 'ask' }] });
    flow = connect(flow, nodeId, 'next', 'bye');
    expect(flow.nodes[nodeId]).toMatchObject({ next: 'bye' });
    flow = disconnect(flow, 'menu', 'choice:contact');
    expect(flow.nodes.menu).toMatchObject({ choices: [{ next: nodeId }, { next: null }] });
  });

  it('ignores connections to unknown nodes or handles', () => {
    const flow = sampleFlow();
    expect(connect(flow, 'menu', 'choice:nope', 'bye')).toBe(flow);
    expect(connect(flow, 'menu', 'choice:pricing', 'nope')).toBe(flow);
    expect(connect(flow, 'ghost', 'next', 'bye')).toBe(flow);
    expect(connect(flow, 'welcome', 'next', 'menu')).toBe(flow);
  });

  it('handles the outlets of handover, webhook and condition nodes', () => {
    let { flow, nodeId } = addNode(sampleFlow(), 'action', { x: 0, y: 0 });
    flow = { ...flow, nodes: { ...flow.nodes, [nodeId]: changeAction(flow.nodes[nodeId]!, 'handover') } };
    flow = connect(flow, nodeId, 'agents_online', 'bye');
    flow = connect(flow, nodeId, 'no_agent_online', 'ask');
    expect(flow.nodes[nodeId]).toMatchObject({ action: 'handover', agentsOnline: 'bye', noAgentOnline: 'ask' });
    const webhook = changeAction(flow.nodes[nodeId]!, 'call_webhook');
    expect(webhook).toMatchObject({ action: 'call_webhook', next: 'bye', onFailure: null, position: { x: 0, y: 0 } });
    const cond = addNode(flow, 'condition', { x: 0, y: 0 });
    const node = addBranch(cond.flow.nodes[cond.nodeId]!);
    const handles = edgeHandles(node);
    expect(handles).toEqual(['branch:branch_1', 'branch:branch_2', 'else']);
    expect(edgeHandles(removeBranch(node, 'branch_1'))).toEqual(['branch:branch_2', 'else']);
  });

  it('deletes a node, cleaning edges that led to it and its translations', () => {
    let flow = setVariantText(sampleFlow(), 'cs', { nodeId: 'ask', slot: 'prompt' }, 'Váš e-mail?');
    flow = deleteNode(flow, 'ask');
    expect(flow.nodes.ask).toBeUndefined();
    expect(flow.nodes.menu).toMatchObject({ choices: [{ next: 'bye' }, { next: null }] });
    expect(flow.variants.cs?.nodes.ask).toBeUndefined();
    expect(validateFlow(flow).map((p) => p.code)).toEqual(['missing_target', 'unreachable_node']);
    expect(deleteNode(flow, 'ask')).toBe(flow);
  });

  it('adds, renames and removes choices (with their translations)', () => {
    let flow = sampleFlow();
    const menu = addChoice(flow.nodes.menu!);
    expect(menu).toMatchObject({ choices: [{ id: 'pricing' }, { id: 'contact' }, { id: 'choice_1', label: '', next: null }] });
    flow = { ...flow, nodes: { ...flow.nodes, menu: renameChoice(menu, 'pricing', 'Prices') } };
    expect(flow.nodes.menu).toMatchObject({ choices: [{ id: 'pricing', label: 'Prices' }, {}, {}] });
    flow = setVariantText(flow, 'cs', { nodeId: 'menu', slot: 'choice', choiceId: 'pricing' }, 'Ceník');
    flow = removeChoice(flow, 'menu', 'pricing');
    expect(flow.nodes.menu).toMatchObject({ choices: [{ id: 'contact' }, { id: 'choice_1' }] });
    expect(flow.variants.cs?.nodes.menu?.choices).toEqual({});
  });

  it('toggles the "talk to a human" button', () => {
    const node = setHumanChoice(sampleFlow().nodes.menu!, true);
    expect(node).toMatchObject({ humanChoice: { id: 'human_1', label: 'Talk to a human' } });
    expect(setHumanChoice(node, false)).toMatchObject({ humanChoice: null });
  });

  it('moves nodes and sets the start', () => {
    const flow = sampleFlow();
    expect(moveNode(flow, 'welcome', { x: 0, y: 0 })).toBe(flow);
    expect(moveNode(flow, 'welcome', { x: 5, y: 6 }).nodes.welcome?.position).toEqual({ x: 5, y: 6 });
    expect(setStartNode(flow, 'menu').startNodeId).toBe('menu');
    expect(setStartNode(flow, 'ghost')).toBe(flow);
  });

  it('labels outlets', () => {
    const flow = sampleFlow();
    const edge = edgeForHandle(flow.nodes.menu!, 'choice:contact')!;
    expect(outletLabel(flow.nodes.menu!, edge)).toBe('Contact me');
    expect(edgeForHandle(flow.nodes.welcome!, null)?.kind).toBe('next');
  });
});

function edgeHandles(node: Parameters<typeof edgeForHandle>[0]): string[] {
  return nodeEdgesOf(node).map(handleId);
}

describe('graph', () => {
  it('draws one edge per connected outlet and skips dangling ones', async () => {
    const { flowEdges, problemsByNode } = await import('./graph');
    const flow = sampleFlow();
    const dangling = { ...flow, nodes: { ...flow.nodes, tag: { ...flow.nodes.tag!, next: 'ghost' } as never } };
    expect(flowEdges(dangling).map((e) => e.id)).toEqual([
      'welcome~next',
      'menu~choice:pricing',
      'menu~choice:contact',
      'ask~next',
    ]);
    const byNode = problemsByNode(validateFlow(dangling));
    expect(byNode.get('tag')?.[0]?.code).toBe('dangling_target');
  });
});

describe('freeSpot', () => {
  it('keeps a free spot and moves off an occupied one', async () => {
    const { freeSpot } = await import('./graph');
    const flow = sampleFlow(); // welcome at (0, 0)
    expect(freeSpot(flow, { x: 1000, y: 1000 })).toEqual({ x: 1000, y: 1000 });
    const spot = freeSpot(flow, { x: 10, y: 10 });
    expect(Math.abs(spot.x) >= 260 || Math.abs(spot.y) >= 160).toBe(true);
  });
});
