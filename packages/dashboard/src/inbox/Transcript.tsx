import type { Conversation } from '@parley/core';
import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { ArrowDownIcon } from '../components/icons';
import { dayLabel } from '../lib/time';
import { useNow } from '../lib/useNow';
import { useConnection } from '../realtime/RealtimeContext';
import { useInbox, useInboxController } from './InboxContext';
import { MessageGroupView } from './MessageGroupView';
import { PendingMessages } from './PendingMessages';
import { chatbotPath } from './state/chatbotPath';
import { groupTranscript, maxSeq } from './state/messages';
import { pendingFor } from './state/outbox';
import { isVisitorTyping } from './state/typing';
import { TypingIndicator } from './TypingIndicator';

/** How close to the bottom counts as "reading the latest" (keeps auto-scroll on). */
const STICK_PX = 80;

export function Transcript({ conversation }: { conversation: Conversation }) {
  const id = conversation.id;
  const ctl = useInboxController();
  const transcript = useInbox((s) => s.transcripts[id]);
  const outbox = useInbox((s) => s.outbox);
  const typingMap = useInbox((s) => s.typing);
  const me = useInbox((s) => s.me);
  const connection = useConnection();
  const now = useNow(60_000);

  const messages = transcript?.messages;
  const days = useMemo(() => groupTranscript(messages ?? []), [messages]);
  const path = useMemo(() => chatbotPath(messages ?? []), [messages]);
  const bySeq = useMemo(() => new Map((messages ?? []).map((m) => [m.seq, m])), [messages]);
  const pending = useMemo(() => pendingFor(outbox, id), [outbox, id]);
  const visitorTyping = isVisitorTyping(typingMap, id, Date.now());

  const scroller = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const [unseen, setUnseen] = useState(0);
  const lastSeen = useRef(0);

  const toBottom = useCallback(() => {
    const el = scroller.current;
    if (!el) return;
    el.scrollTop = el.scrollHeight;
    stick.current = true;
    setUnseen(0);
  }, []);

  const top = maxSeq(messages ?? []);
  useLayoutEffect(() => {
    if (stick.current) {
      toBottom();
      lastSeen.current = top;
    } else if (top > lastSeen.current) {
      setUnseen(top - lastSeen.current);
    }
  }, [top, pending.length, visitorTyping, toBottom]);

  // A chatbot's picture loads after the scroll to the bottom: stay there if the agent was.
  const onMediaLoad = useCallback(() => {
    const el = scroller.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  }, []);

  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < STICK_PX;
    if (stick.current) {
      lastSeen.current = top;
      setUnseen(0);
    }
  };

  let body;
  if (!transcript || (transcript.status === 'loading' && transcript.messages.length === 0)) {
    body = (
      <div className="transcript__state" role="status">
        <span className="spinner" aria-hidden="true" />
        Loading messages…
      </div>
    );
  } else if (transcript.status === 'error' && transcript.messages.length === 0) {
    body = (
      <div className="transcript__state" role="alert">
        <p>{transcript.error}</p>
        <button type="button" className="btn btn--sm" onClick={() => void ctl.loadTranscript(id)}>
          Try again
        </button>
      </div>
    );
  } else {
    body = (
      <>
        {days.length === 0 && pending.length === 0 && <div className="transcript__state">No messages yet.</div>}
        {days.map((day) => (
          <div key={day.key} className="transcript__day">
            <div className="day-separator">
              <span>{dayLabel(day.at, now)}</span>
            </div>
            {day.groups.map((g) => (
              <MessageGroupView
                key={g.key}
                group={g}
                visitor={conversation.visitor}
                me={me}
                path={path}
                bySeq={bySeq}
                onMediaLoad={onMediaLoad}
              />
            ))}
          </div>
        ))}
        <PendingMessages entries={pending} online={connection.status === 'open'} />
      </>
    );
  }

  return (
    <div className="transcript">
      <div className="transcript__scroll" ref={scroller} onScroll={onScroll} aria-label="Messages" role="log" tabIndex={0}>
        <div className="transcript__inner">
          {body}
          {visitorTyping && <TypingIndicator />}
        </div>
      </div>
      {unseen > 0 && (
        <button type="button" className="transcript__jump" onClick={toBottom}>
          <ArrowDownIcon size={14} />
          {unseen === 1 ? '1 new message' : `${unseen} new messages`}
        </button>
      )}
    </div>
  );
}
