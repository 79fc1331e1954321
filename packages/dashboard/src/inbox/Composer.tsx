import type { Conversation } from '@parley/core';
import { useEffect, useLayoutEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { AlertIcon, SendIcon } from '../components/icons';
import { MESSAGE_MAX_LENGTH, normalizeMessageText } from '../lib/messageText';
import { useNow } from '../lib/useNow';
import { useInbox, useInboxController } from './InboxContext';
import { agentsTyping } from './state/typing';

const MAX_HEIGHT_PX = 220;

/** Reply box: Enter sends, Shift+Enter adds a line; sends through the outbox over the WebSocket. */
export function Composer({ conversation }: { conversation: Conversation }) {
  const id = conversation.id;
  const ctl = useInboxController();
  const draft = useInbox((s) => s.drafts[id] ?? '');
  const serverError = useInbox((s) => s.composerErrors[id] ?? null);
  const typingMap = useInbox((s) => s.typing);
  const me = useInbox((s) => s.me);
  const [localError, setLocalError] = useState<string | null>(null);
  const ref = useRef<HTMLTextAreaElement>(null);
  useNow(2000); // refresh "Ada is typing" expiry
  const closed = conversation.status === 'closed';

  const length = normalizeMessageText(draft).length;
  const tooLong = length > MESSAGE_MAX_LENGTH;
  const error = serverError ?? localError ?? (tooLong ? `Message is too long: ${length} / ${MESSAGE_MAX_LENGTH} characters.` : null);
  const others = agentsTyping(typingMap, id, me, Date.now());

  useEffect(() => {
    if (!closed) ref.current?.focus({ preventScroll: true });
  }, [id, closed]);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight, MAX_HEIGHT_PX)}px`;
  }, [draft]);

  function submit() {
    if (closed) return;
    const r = ctl.send(id, draft);
    if (r.ok) {
      setLocalError(null);
      ref.current?.focus();
    } else if (length > 0) {
      setLocalError(r.error);
    }
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.key === 'Enter' && !e.shiftKey && !e.altKey && !e.ctrlKey && !e.metaKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      submit();
    }
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    submit();
  }

  return (
    <form className={`composer${closed ? ' composer--closed' : ''}`} onSubmit={onSubmit}>
      {others.length > 0 && (
        <div className="composer__others" role="status">
          {others.map((a) => a.name ?? 'Another agent').join(', ')} {others.length === 1 ? 'is' : 'are'} also typing…
        </div>
      )}
      {error && (
        <div className="composer__error" role="alert" data-testid="composer-error">
          <AlertIcon size={14} />
          <span>{error}</span>
        </div>
      )}
      {closed && (
        <div className="composer__closed">
          This conversation is closed. Reopen it to reply.
        </div>
      )}
      <div className="composer__box">
        <textarea
          ref={ref}
          className="composer__input"
          data-testid="composer"
          name="message"
          rows={1}
          value={draft}
          disabled={closed}
          placeholder={closed ? 'Conversation closed' : `Reply to ${conversation.visitor.displayName}…`}
          aria-label="Reply"
          aria-invalid={tooLong || undefined}
          onChange={(e) => {
            setLocalError(null);
            ctl.composerChanged(id, e.target.value);
          }}
          onKeyDown={onKeyDown}
        />
        <div className="composer__bar">
          <span className="composer__hint">
            <kbd>Enter</kbd> to send · <kbd>Shift</kbd>+<kbd>Enter</kbd> for a new line
          </span>
          <span className={`composer__counter${tooLong ? ' is-over' : length > MESSAGE_MAX_LENGTH * 0.9 ? ' is-near' : ''}`} data-testid="composer-counter">
            {length} / {MESSAGE_MAX_LENGTH}
          </span>
          <button type="submit" className="btn btn--primary btn--sm" data-testid="send" disabled={closed || length === 0 || tooLong}>
            <SendIcon size={16} />
            <span>Send</span>
          </button>
        </div>
      </div>
    </form>
  );
}
