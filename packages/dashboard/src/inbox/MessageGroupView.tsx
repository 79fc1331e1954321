import type { Conversation } from '@parley/core';
import { Avatar } from '../components/Avatar';
import { BotIcon } from '../components/icons';
import { clockTime, fullDateTime } from '../lib/time';
import { MessageText } from './MessageText';
import type { MessageGroup } from './state/messages';

interface Props {
  group: MessageGroup;
  visitor: Conversation['visitor'];
  me: string | null;
}

function authorLabel(group: MessageGroup, visitorName: string, me: string | null): string {
  switch (group.authorType) {
    case 'visitor':
      return visitorName;
    case 'agent':
      return group.authorId !== null && group.authorId === me ? `${group.authorName ?? 'You'} (you)` : (group.authorName ?? 'Agent');
    case 'chatbot':
      return group.authorName ?? 'Chatbot';
    case 'system':
      return 'System';
  }
}

/** Consecutive messages of one author: visitor on the left, agents and chatbots on the right, system centred. */
export function MessageGroupView({ group, visitor, me }: Props) {
  if (group.authorType === 'system') {
    return (
      <>
        {group.messages.map((m) => (
          <div key={m.seq} className="msg msg--system" data-testid="message" data-seq={m.seq} data-author-type="system">
            <span className="msg__system-text">
              <MessageText text={m.text} />
            </span>
            <time className="msg__system-time" dateTime={m.createdAt} title={fullDateTime(m.createdAt)}>
              {clockTime(m.createdAt)}
            </time>
          </div>
        ))}
      </>
    );
  }

  const side = group.authorType === 'visitor' ? 'in' : 'out';
  const label = authorLabel(group, visitor.displayName, me);
  const first = group.messages[0]!;
  return (
    <div className={`msggroup msggroup--${side} msggroup--${group.authorType}`}>
      <div className="msggroup__avatar">
        {group.authorType === 'chatbot' ? (
          <span className="avatar avatar--sm avatar--bot" aria-hidden="true">
            <BotIcon size={16} />
          </span>
        ) : (
          <Avatar
            name={group.authorType === 'visitor' ? visitor.displayName : (group.authorName ?? 'Agent')}
            seed={group.authorType === 'visitor' ? visitor.id : (group.authorId ?? 'agent')}
            size="sm"
          />
        )}
      </div>
      <div className="msggroup__body">
        <div className="msggroup__meta">
          <span className="msggroup__author">{label}</span>
          {group.authorType === 'chatbot' && <span className="chip chip--bot chip--xs">Bot</span>}
          <time dateTime={first.createdAt} title={fullDateTime(first.createdAt)}>
            {clockTime(first.createdAt)}
          </time>
        </div>
        {group.messages.map((m) => (
          <div
            key={m.seq}
            className={`msg msg--${group.authorType}`}
            data-testid="message"
            data-seq={m.seq}
            data-author-type={m.author.type}
            title={fullDateTime(m.createdAt)}
          >
            <div className="msg__bubble">
              <MessageText text={m.text} />
            </div>
          </div>
        ))}
      </div>
    </div>
  );
}
