import type { Conversation } from '@parley/core';
import { memo } from 'react';
import { Link } from 'react-router';
import { Avatar } from '../components/Avatar';
import { BotIcon, UserIcon } from '../components/icons';
import { relativeTime, fullDateTime } from '../lib/time';
import { activityAt } from './state/conversations';

interface Props {
  conversation: Conversation;
  active: boolean;
  unread: number;
  /** "You", an agent's name, or null when unassigned. */
  assigneeName: string | null;
  typing: boolean;
  now: Date;
  /** Current query string, so opening a conversation keeps the list filter. */
  search: string;
}

function Preview({ c, typing }: { c: Conversation; typing: boolean }) {
  if (typing) return <span className="convitem__typing">typing…</span>;
  const last = c.lastMessage;
  if (!last) return <span className="convitem__muted">No messages yet</span>;
  const prefix = last.authorType === 'agent' ? 'Agent: ' : last.authorType === 'chatbot' ? 'Bot: ' : '';
  return (
    <>
      {prefix && <span className="convitem__prefix">{prefix}</span>}
      {last.text.replace(/\s+/g, ' ')}
    </>
  );
}

export const ConversationItem = memo(function ConversationItem({ conversation: c, active, unread, assigneeName, typing, now, search }: Props) {
  const at = activityAt(c);
  return (
    <Link
      to={{ pathname: `/inbox/${encodeURIComponent(c.id)}`, search }}
      className={`convitem${active ? ' is-active' : ''}${unread > 0 ? ' is-unread' : ''}`}
      data-testid="conversation-item"
      data-conversation-id={c.id}
      aria-current={active ? 'page' : undefined}
    >
      <Avatar name={c.visitor.displayName} seed={c.visitor.id} online={c.visitor.online} />
      <div className="convitem__body">
        <div className="convitem__row">
          <span className="convitem__name">{c.visitor.displayName}</span>
          <time className="convitem__time" dateTime={at} title={fullDateTime(at)}>
            {relativeTime(at, now)}
          </time>
        </div>
        <div className="convitem__row">
          <span className="convitem__preview">
            <Preview c={c} typing={typing} />
          </span>
          {unread > 0 && (
            <span className="badge" data-testid="unread" aria-label={`${unread} unread`}>
              {unread > 99 ? '99+' : unread}
            </span>
          )}
        </div>
        <div className="convitem__meta">
          <span className={`chip${assigneeName ? '' : ' chip--muted'}`} data-testid="assignee">
            <UserIcon size={11} />
            {assigneeName ?? 'Unassigned'}
          </span>
          {c.labels.includes('joined_by_chatbot') && (
            <span className="chip chip--bot">
              <BotIcon size={12} />
              Joined by chatbot
            </span>
          )}
          {c.status === 'closed' && <span className="chip chip--muted">Closed</span>}
          {c.tags.map((t) => (
            <span key={t} className="chip chip--tag" data-testid="item-tag">
              #{t}
            </span>
          ))}
        </div>
      </div>
    </Link>
  );
});
