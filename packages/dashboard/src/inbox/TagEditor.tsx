import type { Conversation } from '@parley/core';
import { useState } from 'react';
import { errorMessage } from '../api/client';
import { CloseIcon } from '../components/icons';
import { useInbox, useInboxController } from './InboxContext';
import { checkNewTag, knownTags, TAG_MAX } from './state/tags';

/** The conversation's tags as removable chips, and an input that adds one on Enter. */
export function TagEditor({ conversation: c }: { conversation: Conversation }) {
  const ctl = useInboxController();
  const conversations = useInbox((s) => s.conversations);
  const [draft, setDraft] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const suggestions = knownTags(conversations).filter((t) => !c.tags.includes(t));
  const listId = `tag-suggestions-${c.id}`;

  async function add() {
    const check = checkNewTag(draft, c.tags, suggestions);
    if (!check.ok) {
      setError(check.error);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await ctl.addTag(c.id, check.tag);
      setDraft('');
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  async function remove(tag: string) {
    setError(null);
    try {
      await ctl.removeTag(c.id, tag);
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <div className="tags" aria-label="Tags">
      {c.tags.map((tag) => (
        <span key={tag} className="chip tag-chip" data-testid="tag" data-tag={tag}>
          <span className="tag-chip__text">{tag}</span>
          <button
            type="button"
            className="tag-chip__remove"
            data-testid="remove-tag"
            aria-label={`Remove tag ${tag}`}
            onClick={() => void remove(tag)}
          >
            <CloseIcon size={11} />
          </button>
        </span>
      ))}
      <input
        className="tags__input"
        data-testid="add-tag"
        type="text"
        placeholder="Add tag"
        aria-label="Add tag"
        list={listId}
        maxLength={TAG_MAX + 10}
        value={draft}
        disabled={busy}
        aria-invalid={error !== null || undefined}
        onChange={(e) => {
          setDraft(e.target.value);
          if (error) setError(null);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
            e.preventDefault();
            void add();
          } else if (e.key === 'Escape') {
            setDraft('');
            setError(null);
          }
        }}
      />
      <datalist id={listId}>
        {suggestions.map((t) => (
          <option key={t} value={t} />
        ))}
      </datalist>
      {error && (
        <span className="tags__error" role="alert" data-testid="tag-error">
          {error}
        </span>
      )}
    </div>
  );
}
