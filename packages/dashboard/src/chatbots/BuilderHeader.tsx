import type { FlowDocument } from '@parley/flow';
import { Link } from 'react-router';
import type { Chatbot } from '../api/types';
import { BackIcon, PlayIcon } from '../components/icons';
import { LanguageSelect } from './LanguageSelect';
import { StatusSwitch } from './StatusSwitch';
import type { BuilderBusy } from './useBuilder';

interface Props {
  chatbot: Chatbot;
  draft: FlowDocument;
  dirty: boolean;
  busy: BuilderBusy;
  readOnly: boolean;
  problemCount: number;
  language: string;
  previewOpen: boolean;
  onLanguage(language: string): void;
  edit(change: (flow: FlowDocument) => FlowDocument): void;
  onSave(): void;
  onPublish(): void;
  onStatus(status: 'active' | 'inactive'): void;
  onTogglePreview(): void;
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
      <LanguageSelect flow={p.draft} language={p.language} disabled={p.readOnly} onLanguage={p.onLanguage} edit={p.edit} />
      <button
        type="button"
        className={`btn btn--sm${p.previewOpen ? ' is-pressed' : ''}`}
        aria-pressed={p.previewOpen}
        data-testid="toggle-preview"
        onClick={p.onTogglePreview}
      >
        <PlayIcon size={14} /> Preview
      </button>
      {!p.readOnly && (
        <>
          <button type="button" className="btn btn--sm" data-testid="save-draft" disabled={!p.dirty || p.busy !== null} onClick={p.onSave}>
            {p.busy === 'save' ? 'Saving…' : 'Save draft'}
          </button>
          <button
            type="button"
            className="btn btn--sm btn--primary"
            data-testid="publish"
            disabled={p.busy !== null || (!unpublished && !p.dirty)}
            title={p.problemCount ? `${p.problemCount} problems to fix first` : undefined}
            onClick={p.onPublish}
          >
            {p.busy === 'publish' ? 'Publishing…' : 'Publish'}
          </button>
        </>
      )}
    </header>
  );
}
