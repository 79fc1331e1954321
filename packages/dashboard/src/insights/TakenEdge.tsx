import { BaseEdge, EdgeLabelRenderer, getBezierPath, type Edge, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';

export interface TakenEdgeData extends Record<string, unknown> {
  taken: number;
  width: number;
  /** Another outlet of the step carries the figure for this pair of steps. */
  shared: boolean;
  /** "from Welcome to Pricing" */
  between: string;
}

export type TakenFlowEdge = Edge<TakenEdgeData, 'taken'>;

/**
 * A path between two steps, as thick as the visitors who took it, labelled
 * with their number (`[data-testid=insights-edge][data-from][data-to][data-taken]`).
 */
export const TakenEdge = memo(function TakenEdge(props: EdgeProps<TakenFlowEdge>) {
  const { source, target, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, markerEnd, data } = props;
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition });
  const taken = data?.taken ?? 0;
  const shared = data?.shared ?? false;
  const visitors = `${taken.toLocaleString()} visitor${taken === 1 ? '' : 's'}`;
  return (
    <>
      <BaseEdge
        id={props.id}
        path={path}
        markerEnd={markerEnd}
        className={`taken-edge${taken > 0 && !shared ? ' is-taken' : ''}${shared ? ' is-shared' : ''}`}
        style={{ strokeWidth: data?.width ?? 1 }}
      />
      {!shared && (
        <EdgeLabelRenderer>
          <span
            className={`taken-edge__label nodrag nopan${taken > 0 ? '' : ' is-zero'}`}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            data-testid="insights-edge"
            data-from={source}
            data-to={target}
            data-taken={taken}
            title={`${visitors} went ${data?.between ?? `from ${source} to ${target}`}`}
          >
            {taken.toLocaleString()}
          </span>
        </EdgeLabelRenderer>
      )}
    </>
  );
});
