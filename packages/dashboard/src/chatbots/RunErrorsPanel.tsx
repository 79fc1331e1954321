import type { FlowDocument } from '@parley/flow';
import { Link } from 'react-router';
import type { ChatbotRunError, ChatbotVersion } from '../api/types';
import { AlertIcon, ChatIcon, CloseIcon, ReopenIcon } from '../components/icons';
import { fullDateTime, relativeTime } from '../lib/time';
import { errorCountLabel, isRecentError, recentErrors, runErrorSentence, runErrorTitle } from './state/runErrors';
import { ACTION_LABEL, KIND_LABEL } from './state/templates';
import { versionLabel } from './state/versions';

interface Props {
  errors: ChatbotRunError[] | null;
  loading: boolean;
  error: string | null;
  /** The flow on the canvas (the draft, or the version being viewed): step names and whether a step can be shown. */
  flow: FlowDocument;
  versions: ChatbotVersion[] | null;
  /** Only this step's errors, when set. */
  nodeFilter: string | null;
  now: Date;
  limit: number;
  onClearFilter(): void;
  onFocusNode(nodeId: string): void;
  onRefresh(): void;
  onClose(): void;
}

/** What went wrong while the chatbot ran in visitors' conversations, newest first. */
export function RunErrorsPanel(p: Props) {
  const all = p.errors ?? [];
  const shown = p.nodeFilter === null ? all : all.filter((e) => e.nodeId === p.nodeFilter);
  const recent = recentErrors(all, p.now).length;
  return (
    <aside className="drawer run-errors" data-testid="run-errors" aria-label="Run errors">
      <div className="drawer__head">
        <h3 className="panel-title">Run errors</h3>
        <button
          type="button"
          className="btn btn--ghost btn--xs"
          data-testid="run-errors-refresh"
          disabled={p.loading}
          onClick={p.onRefresh}
        >
          <ReopenIcon size={14} /> {p.loading ? 'Loading…' : 'Refresh'}
        </button>
        <button type="button" className="btn btn--ghost btn--icon btn--sm" aria-label="Close run errors" onClick={p.onClose}>
          <CloseIcon size={16} />
        </button>
      </div>
      <p className="drawer__intro muted">
        What went wrong while this chatbot talked with visitors: failed or slow webhooks, broken flows.
        {p.errors !== null && (
          <>
            {' '}
            <strong className={recent ? 'run-errors__recent' : undefined}>{recent === 0 ? 'None' : errorCountLabel(recent)}</strong> in the
            last 24 hours.
          </>
        )}
      </p>
      {p.nodeFilter !== null && (
        <div className="drawer__filter">
          <span>
            Step <strong>{stepName(p.flow, p.nodeFilter)}</strong> only
          </span>
          <button type="button" className="btn btn--ghost btn--xs" data-testid="run-errors-show-all" onClick={p.onClearFilter}>
            Show all
          </button>
        </div>
      )}
      {p.error && (
        <div className="form-error drawer__error" role="alert">
          {p.error}
        </div>
      )}
      {p.errors === null && !p.error && (
        <div className="drawer__empty" role="status" aria-busy="true">
          <span className="spinner spinner--sm" aria-hidden="true" /> Loading…
        </div>
      )}
      {p.errors !== null && shown.length === 0 && (
        <div className="drawer__empty" data-testid="run-errors-empty">
          {p.nodeFilter === null ? 'No errors recorded. Everything ran as designed.' : 'No errors at this step.'}
        </div>
      )}
      {shown.length > 0 && (
        <ol className="run-errors__list">
          {shown.map((e) => {
            const recentOne = isRecentError(e, p.now);
            const inFlow = e.nodeId !== null && Object.hasOwn(p.flow.nodes, e.nodeId);
            const version = versionLabel(e.versionId, p.versions);
            return (
              <li
                key={e.id}
                className={`run-error${recentOne ? ' is-recent' : ''}`}
                data-testid="run-error"
                data-error-id={e.id}
                data-code={e.code}
                data-node-id={e.nodeId ?? ''}
                data-conversation-id={e.conversationId}
                data-recent={recentOne}
              >
                <div className="run-error__top">
                  <AlertIcon size={14} className="run-error__icon" />
                  <span className="run-error__title">{runErrorTitle(e.code)}</span>
                  <time className="run-error__time" dateTime={e.at} title={fullDateTime(e.at)}>
                    {relativeTime(e.at, p.now)}
                  </time>
                </div>
                <p className="run-error__sentence">{runErrorSentence(e.code)}</p>
                {e.message && <p className="run-error__message">{e.message}</p>}
                <div className="run-error__links">
                  {e.nodeId !== null &&
                    (inFlow ? (
                      <button
                        type="button"
                        className="run-error__node"
                        data-testid="run-error-node"
                        title="Show this step on the canvas"
                        onClick={() => p.onFocusNode(e.nodeId!)}
                      >
                        Step: {stepName(p.flow, e.nodeId)}
                      </button>
                    ) : (
                      <span className="run-error__node is-gone" data-testid="run-error-node" data-missing="true" title="This step is not in the flow shown">
                        Step <code>{e.nodeId}</code> (not in this flow)
                      </span>
                    ))}
                  <Link
                    className="run-error__conversation"
                    data-testid="run-error-conversation"
                    to={`/inbox/${encodeURIComponent(e.conversationId)}`}
                  >
                    <ChatIcon size={13} /> Conversation
                  </Link>
                  {version && (
                    <span className="chip chip--xs chip--muted" title="The version that was running">
                      {version}
                    </span>
                  )}
                </div>
              </li>
            );
          })}
        </ol>
      )}
      {p.errors !== null && p.errors.length >= p.limit && (
        <p className="drawer__foot muted">The latest {p.limit} errors are shown.</p>
      )}
    </aside>
  );
}

/** "Call a webhook · Order lookup": the step's kind and its name (or id). */
export function stepName(flow: FlowDocument, nodeId: string): string {
  const node = flow.nodes[nodeId];
  if (!node) return nodeId;
  const kind = node.kind === 'action' ? ACTION_LABEL[node.action] : KIND_LABEL[node.kind];
  return `${kind} · ${node.name || nodeId}`;
}
