import type { FlowDocument } from '@parley/flow';
import type { OffGraph } from './state/insightsGraph';

/**
 * Recorded figures the drawn graph has no place for — steps of other
 * versions, paths between steps it does not join — listed as they are.
 */
export function OffGraphFigures({ offGraph, flow }: { offGraph: OffGraph; flow: FlowDocument | null }) {
  const count = offGraph.nodes.length + offGraph.choices.length + offGraph.edges.length;
  if (count === 0) return null;
  const name = (id: string) => flow?.nodes[id]?.name || id;
  return (
    <details className="ipage__offgraph" data-testid="insights-off-graph" data-count={count}>
      <summary>
        {count} figure{count === 1 ? '' : 's'} with no place on this graph (steps or paths of other versions)
      </summary>
      <ul>
        {offGraph.nodes.map((n) => (
          <li key={`n:${n.nodeId}`} data-testid="off-graph-node" data-node-id={n.nodeId}>
            Step <code>{n.nodeId}</code>: reached {n.reached}, dropped off {n.droppedOff}
          </li>
        ))}
        {offGraph.choices.map((c) => (
          <li key={`c:${c.nodeId}:${c.choiceId}`} data-testid="off-graph-choice">
            Button <code>{c.choiceId}</code> of <code>{name(c.nodeId)}</code>: chosen {c.chosen}
          </li>
        ))}
        {offGraph.edges.map((e) => (
          <li key={`e:${e.from}:${e.to}`} data-testid="off-graph-edge">
            <code>{name(e.from)}</code> → <code>{name(e.to)}</code>: taken {e.taken}
          </li>
        ))}
      </ul>
    </details>
  );
}
