import type { FlowDocument } from '@parley/flow';
import { Link } from 'react-router';
import type { Chatbot } from '../api/types';
import { AlertIcon, BackIcon, HistoryIcon, PlayIcon } from '../components/icons';
import { LanguageSelect } from './LanguageSelect';
import { StatusSwitch } from './StatusSwitch';
import type { BuilderBusy } from './useBuilder';

/** What the right-hand column shows. */
export type BuilderDrawer = 'preview' | 'errors' | 'versions' | null;

interface Props {
  chatbot: Chatbot;
  draft: FlowDocument;
  dirty: boolean;
  busy: BuilderBusy;
  readOnly: boolean;
  problemCount: number;
  language: string;
  drawer: BuilderDrawer;
  /** Run errors of the last 24 hours, null until loaded. */
  recentErrorCount: number | null;
  /** A published version is on the canvas (read-only): saving and publishing wait for the draft. */
  viewingVersion: number | null;
  onLanguage(language: string): void;
  edit(change: (flow: FlowDocument) => FlowDocument): void;
  onSave(): void;
  onPublish(): void;
  onStatus(status: 'active' | 'inactive'): void;
  onDrawer(drawer: BuilderDrawer): void;
}

/** Name, version, status, language, save and publish. */
export function BuilderHeader(p: Props) {
  const { chatbot } = p;
  const unpublished = p.dirty || chatbot.hasUnpublishedChanges || chatbot.publishedVersion === null;
  return (
    <header className="builder-head">
      <Link to="/chatbots" className="btn btn--ghost btn--icon btn--sm" aria-label="All chatbots">
        <BackIcon size={18} />
      </Link>
      <h1 className="builder-head__name">{chatbot.name}</h1>
      <nav className="ttabs" aria-label="Chatbot">
        <span className="ttabs__tab is-active" aria-current="page" data-testid="tab-flow">
          Flow
        </span>
        <Link
          className="ttabs__tab"
          to={`/chatbots/${encodeURIComponent(chatbot.id)}/settings`}
          data-testid="chatbot-settings-link"
          title="Targeting: who sees the chatbot, when and where"
        >
          Targeting
        </Link>
        <Link
          className="ttabs__tab"
          to={`/chatbots/${encodeURIComponent(chatbot.id)}/insights`}
          data-testid="chatbot-insights-link"
          title="Insights: what visitors did with it, step by step"
        >
          Insights
        </Link>
      </nav>
      {chatbot.publishedVersion ? (
        <span className="chip" data-testid="version-badge">
          v{chatbot.publishedVersion.number}
        </span>
      ) : (
        <span className="chip chip--muted" data-testid="version-badge">
          Not published
        </span>
      )}
      {p.dirty ? (
        <span className="builder-head__state is-dirty" data-testid="unsaved">
          Unsaved changes
        </span>
      ) : unpublished ? (
        <span className="builder-head__state">Draft saved, not published</span>
      ) : (
        <span className="builder-head__state is-clean">Published</span>
      )}
      <StatusSwitch
        status={chatbot.status}
        canActivate={chatbot.publishedVersion !== null}
        busy={p.busy === 'status'}
        disabled={p.readOnly}
        onChange={p.onStatus}
      />
      <span className="builder-head__spacer" />
      <LanguageSelect
        flow={p.draft}
        language={p.language}
        disabled={p.readOnly || p.viewingVersion !== null}
        onLanguage={p.onLanguage}
        edit={p.edit}
      />
      <button
        type="button"
        className={`btn btn--sm run-errors-btn${p.drawer === 'errors' ? ' is-pressed' : ''}${p.recentErrorCount ? ' has-errors' : ''}`}
        aria-pressed={p.drawer === 'errors'}
        data-testid="run-errors-button"
        aria-label="Run errors"
        data-count={p.recentErrorCount ?? ''}
        title={
          p.recentErrorCount
            ? `${p.recentErrorCount} error${p.recentErrorCount === 1 ? '' : 's'} while the chatbot ran in the last 24 hours`
            : 'Errors while the chatbot ran (none in the last 24 hours)'
        }
        onClick={() => p.onDrawer(p.drawer === 'errors' ? null : 'errors')}
      >
        <AlertIcon size={14} /> Run errors
        {p.recentErrorCount ? (
          <span className="badge badge--warning" data-testid="run-errors-count">
            {p.recentErrorCount}
          </span>
        ) : null}
      </button>
      <button
        type="button"
        className={`btn btn--sm${p.drawer === 'versions' ? ' is-pressed' : ''}`}
        aria-pressed={p.drawer === 'versions'}
        data-testid="versions-button"
        aria-label="Versions"
        title="Published versions"
        onClick={() => p.onDrawer(p.drawer === 'versions' ? null : 'versions')}
      >
        <HistoryIcon size={14} /> <span className="builder-head__label">Versions</span>
      </button>
      <button
        type="button"
        className={`btn btn--sm${p.drawer === 'preview' ? ' is-pressed' : ''}`}
        aria-pressed={p.drawer === 'preview'}
        data-testid="toggle-preview"
        aria-label="Preview"
        title="Try the draft here"
        onClick={() => p.onDrawer(p.drawer === 'preview' ? null : 'preview')}
      >
        <PlayIcon size={14} /> <span className="builder-head__label">Preview</span>
      </button>
      {!p.readOnly && (
        <>
          <button
            type="button"
            className="btn btn--sm"
            data-testid="save-draft"
            disabled={!p.dirty || p.busy !== null || p.viewingVersion !== null}
            title={p.viewingVersion !== null ? 'Back to the draft to save it' : undefined}
            onClick={p.onSave}
          >
            {p.busy === 'save' ? 'Saving…' : 'Save draft'}
          </button>
          <button
            type="button"
            className="btn btn--sm btn--primary"
            data-testid="publish"
            disabled={p.busy !== null || (!unpublished && !p.dirty) || p.viewingVersion !== null}
            title={
              p.viewingVersion !== null
                ? 'Back to the draft to publish it'
                : p.problemCount
                  ? `${p.problemCount} problems to fix first`
                  : undefined
            }
            onClick={p.onPublish}
          >
            {p.busy === 'publish' ? 'Publishing…' : 'Publish'}
          </button>
        </>
      )}
    </header>
  );
}
