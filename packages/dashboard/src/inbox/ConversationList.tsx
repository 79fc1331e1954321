import { useMemo } from 'react';
import { useLocation } from 'react-router';
import { useNow } from '../lib/useNow';
import { ConversationItem } from './ConversationItem';
import { FilterTabs } from './FilterTabs';
import { useInbox, useInboxController } from './InboxContext';
import { NotificationPrompt } from './NotificationPrompt';
import { visibleConversations, type ListFilter } from './state/conversations';
import { isVisitorTyping } from './state/typing';

const EMPTY_TEXT: Record<string, string> = {
  'open/all': 'No open conversations. New ones appear here the moment a visitor writes.',
  'open/mine': 'Nothing assigned to you right now.',
  'open/unassigned': 'Every open conversation has someone on it.',
  'closed/all': 'No closed conversations yet.',
  'closed/mine': 'You have no closed conversations.',
  'closed/unassigned': 'No closed conversations without an assignee.',
};

const narrowed = (f: ListFilter) => Boolean(f.tag || f.joinedByChatbot || f.chatbotId);

/** "No open chatbot conversations tagged “vip” with this chatbot here." */
function narrowedEmptyText(f: ListFilter): string {
  const kind = f.joinedByChatbot ? 'chatbot conversations' : 'conversations';
  return `No ${f.status} ${kind}${f.tag ? ` tagged “${f.tag}”` : ''}${f.chatbotId ? ' with this chatbot' : ''} here.`;
}

export function ConversationList({ filter, activeId }: { filter: ListFilter; activeId: string | null }) {
  const ctl = useInboxController();
  const conversations = useInbox((s) => s.conversations);
  const me = useInbox((s) => s.me);
  const agents = useInbox((s) => s.agents);
  const typing = useInbox((s) => s.typing);
  const list = useInbox((s) => s.list);
  const visible = useInbox((s) => s.visible);
  const now = useNow(30_000);
  const { search } = useLocation();

  const items = useMemo(() => visibleConversations(conversations, filter, me, list.listed), [conversations, filter, me, list.listed]);

  return (
    <section className="convlist" aria-label="Conversations">
      <header className="convlist__header">
        <h1 className="convlist__title">Inbox</h1>
        <FilterTabs filter={filter} />
      </header>
      <NotificationPrompt />
      {list.error && (
        <div className="convlist__error" role="alert">
          <span>{list.error}</span>
          <button type="button" className="btn btn--sm" onClick={() => void ctl.reloadList()}>
            Retry
          </button>
        </div>
      )}
      <ul className="convlist__items" aria-busy={list.loading || undefined}>
        {items.map((c) => {
          const assignee = c.assigneeId ? agents[c.assigneeId] : undefined;
          return (
            <li key={c.id}>
              <ConversationItem
                conversation={c}
                active={c.id === activeId}
                unread={c.id === activeId && visible ? 0 : c.unreadCount}
                assigneeName={c.assigneeId === null ? null : c.assigneeId === me ? 'You' : (assignee?.name ?? 'Another agent')}
                typing={isVisitorTyping(typing, c.id, now.getTime())}
                now={now}
                search={search}
              />
            </li>
          );
        })}
      </ul>
      {items.length === 0 && !list.loading && !list.error && (
        <p className="convlist__empty">
          {narrowed(filter) ? narrowedEmptyText(filter) : EMPTY_TEXT[`${filter.status}/${filter.assignee}`]}
        </p>
      )}
      {items.length === 0 && list.loading && (
        <div className="convlist__loading" aria-hidden="true">
          {[0, 1, 2, 3].map((i) => (
            <div key={i} className="skeleton-item">
              <span className="skeleton skeleton--circle" />
              <span className="skeleton skeleton--line" />
            </div>
          ))}
        </div>
      )}
      {list.nextCursor && (
        <div className="convlist__more">
          <button type="button" className="btn btn--ghost btn--sm" disabled={list.loading} onClick={() => void ctl.loadMore()}>
            {list.loading ? 'Loading…' : 'Load older conversations'}
          </button>
        </div>
      )}
    </section>
  );
}
