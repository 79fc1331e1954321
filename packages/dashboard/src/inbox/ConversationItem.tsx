import type { Conversation } from '@parley/core';
import { memo } from 'react';
import { Link } from 'react-router';
import { Avatar } from '../components/Avatar';
import { AlertIcon, BotIcon, UserIcon } from '../components/icons';
import { relativeTime, fullDateTime } from '../lib/time';
import { activityAt } from './state/conversations';
import { capitalise, chatbotStatusText, handoverReasonText } from './state/handover';

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
  const handover = c.handover ?? null;
  const botActive = c.chatbot && (c.chatbot.status === 'waiting' || c.chatbot.status === 'running') && !handover;
  return (
    <Link
      to={{ pathname: `/inbox/${encodeURIComponent(c.id)}`, search }}
      className={`convitem${active ? ' is-active' : ''}${unread > 0 ? ' is-unread' : ''}${handover ? ' convitem--handover' : ''}`}
      data-testid="conversation-item"
      data-conversation-id={c.id}
      data-handover={handover?.reason}
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
          {handover && (
            <span
              className="chip chip--handover"
              data-testid="handover-badge"
              data-reason={handover.reason}
              title={capitalise(chatbotStatusText(c.chatbot ?? null, handover) ?? handoverReasonText(handover.reason))}
            >
              <AlertIcon size={12} />
              Needs a human
              <span className="visually-hidden">: {handoverReasonText(handover.reason)}</span>
            </span>
          )}
          {botActive && c.chatbot && (
            <span className="chip chip--bot" data-testid="item-chatbot" data-status={c.chatbot.status} title={chatbotStatusText(c.chatbot, null) ?? undefined}>
              <BotIcon size={12} />
              {c.chatbot.name}
            </span>
          )}
          {c.labels.includes('joined_by_chatbot') && (
            <span className="chip chip--bot" data-testid="label-joined-by-chatbot" title="A chatbot conversation: the visitor clicked or answered a chatbot">
              <BotIcon size={12} />
              Joined by chatbot
            </span>
          )}
          <span className={`chip${assigneeName ? '' : ' chip--muted'}`} data-testid="assignee">
            <UserIcon size={11} />
            {assigneeName ?? 'Unassigned'}
          </span>
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
