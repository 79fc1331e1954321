import type { Chatbot } from '../api/types';
import { CloseIcon, EyeIcon, ReopenIcon } from '../components/icons';
import { fullDateTime } from '../lib/time';
import { publisherName, versionState } from './state/versions';
import type { VersionsModel } from './useVersions';

interface Props {
  chatbot: Chatbot;
  model: VersionsModel;
  meId: string;
  /** The version on the canvas, null = the draft. */
  viewingId: string | null;
  /** A version whose flow is being fetched. */
  openingId: string | null;
  /** Why the last "View" failed. */
  openError: string | null;
  onView(versionId: string): void;
  onDraft(): void;
  onClose(): void;
}

/** Every published version, newest first; "View" shows its flow read-only on the canvas. */
export function VersionsPanel({ chatbot, model, meId, viewingId, openingId, openError, onView, onDraft, onClose }: Props) {
  const { versions } = model;
  return (
    <aside className="drawer versions" data-testid="versions" aria-label="Versions">
      <div className="drawer__head">
        <h3 className="panel-title">Versions</h3>
        <button type="button" className="btn btn--ghost btn--xs" disabled={model.loading} onClick={model.reload}>
          <ReopenIcon size={14} /> {model.loading ? 'Loading…' : 'Refresh'}
        </button>
        <button type="button" className="btn btn--ghost btn--icon btn--sm" aria-label="Close versions" onClick={onClose}>
          <CloseIcon size={16} />
        </button>
      </div>
      <p className="drawer__intro muted">
        {chatbot.status === 'active'
          ? 'Visitors run the live version. Editing changes the draft; publishing makes it a new version.'
          : 'The chatbot is inactive: no visitor meets it. When activated, visitors run the published version.'}
      </p>
      <button
        type="button"
        className={`version-row version-row--draft${viewingId === null ? ' is-viewing' : ''}`}
        data-testid="version-draft"
        aria-pressed={viewingId === null}
        onClick={onDraft}
      >
        <span className="version-row__number">Draft</span>
        <span className="version-row__meta">
          {chatbot.hasUnpublishedChanges || chatbot.publishedVersion === null ? 'Has unpublished changes' : 'Same as the published version'}
        </span>
        {viewingId === null && <span className="version-row__viewing">On the canvas</span>}
      </button>
      {(model.error || openError) && (
        <div className="form-error drawer__error" role="alert">
          {model.error ?? openError}
        </div>
      )}
      {versions === null && !model.error && (
        <div className="drawer__empty" role="status" aria-busy="true">
          <span className="spinner spinner--sm" aria-hidden="true" /> Loading…
        </div>
      )}
      {versions !== null && versions.length === 0 && (
        <div className="drawer__empty" data-testid="versions-empty">
          Not published yet. Publish the draft to make a first version.
        </div>
      )}
      {versions !== null && versions.length > 0 && (
        <ol className="versions__list">
          {versions.map((v) => {
            const state = versionState(v, chatbot);
            const viewing = viewingId === v.id;
            return (
              <li
                key={v.id}
                className={`version-row${viewing ? ' is-viewing' : ''}${state !== 'old' ? ' is-published' : ''}`}
                data-testid="version-item"
                data-version-id={v.id}
                data-number={v.number}
                data-state={state}
                data-live={state === 'live'}
              >
                <span className="version-row__number">v{v.number}</span>
                {state === 'live' && (
                  <span className="chip chip--xs version-row__live" title="Visitors run this version" data-testid="version-live">
                    Live
                  </span>
                )}
                {state === 'published' && (
                  <span className="chip chip--xs chip--muted" title="The published version; the chatbot is inactive" data-testid="version-live">
                    Published · inactive
                  </span>
                )}
                <span className="version-row__meta">
                  <time dateTime={v.publishedAt} title={fullDateTime(v.publishedAt)}>
                    {fullDateTime(v.publishedAt)}
                  </time>{' '}
                  by <span data-testid="version-publisher">{publisherName(v.publishedBy, model.names, meId)}</span>
                </span>
                {viewing ? (
                  <span className="version-row__viewing">On the canvas</span>
                ) : (
                  <button
                    type="button"
                    className="btn btn--xs version-row__view"
                    data-testid="view-version"
                    disabled={openingId !== null}
                    onClick={() => onView(v.id)}
                  >
                    <EyeIcon size={13} /> {openingId === v.id ? 'Opening…' : 'View'}
                  </button>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </aside>
  );
}
