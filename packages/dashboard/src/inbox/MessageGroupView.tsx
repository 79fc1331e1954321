import type { Conversation, Message } from '@parley/core';
import { Avatar } from '../components/Avatar';
import { BotIcon } from '../components/icons';
import { clockTime, fullDateTime } from '../lib/time';
import { AnswerNote, ChatbotMessageExtras, ChoiceBubble } from './ChatbotParts';
import { MessageText } from './MessageText';
import { choiceButton, messageKind, type ChatbotPath } from './state/chatbotPath';
import type { MessageGroup } from './state/messages';

interface Props {
  group: MessageGroup;
  visitor: Conversation['visitor'];
  me: string | null;
  /** The chatbot path of the whole transcript (which offered button each choice picked). */
  path: ChatbotPath;
  /** The transcript's messages by seq (a choice finds the button it picked). */
  bySeq: ReadonlyMap<number, Message>;
  /** A picture finished loading (the transcript keeps the bottom in view). */
  onMediaLoad?: () => void;
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
export function MessageGroupView({ group, visitor, me, path, bySeq, onMediaLoad }: Props) {
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
          {group.authorType === 'chatbot' && (
            <span className="chip chip--bot chip--xs" data-testid="chatbot-badge">
              Chatbot
            </span>
          )}
          <time dateTime={first.createdAt} title={fullDateTime(first.createdAt)}>
            {clockTime(first.createdAt)}
          </time>
        </div>
        {group.messages.map((m) => {
          const kind = messageKind(m);
          const meta = m.meta;
          const invalid = kind === 'answer' && meta?.answer?.valid === false;
          return (
            <div
              key={m.seq}
              className={`msg msg--${group.authorType}${kind === 'text' ? '' : ` msg--rich msg--${kind}`}${invalid ? ' msg--invalid' : ''}${meta?.question?.retry ? ' msg--retry' : ''}`}
              data-testid="message"
              data-seq={m.seq}
              data-author-type={m.author.type}
              data-kind={kind}
              data-chatbot-id={meta?.chatbot?.id ?? meta?.choice?.chatbotId ?? meta?.answer?.chatbotId}
              data-node-id={meta?.chatbot?.nodeId ?? meta?.choice?.nodeId ?? meta?.answer?.nodeId}
              data-choice-id={meta?.choice?.choiceId}
              data-question-field={meta?.question?.field}
              data-retry={meta?.question ? String(meta.question.retry) : undefined}
              data-answer-valid={meta?.answer ? String(meta.answer.valid) : undefined}
              title={fullDateTime(m.createdAt)}
            >
              {kind === 'choice' ? (
                <ChoiceBubble message={m} button={choiceButton(m, bySeq, path)} />
              ) : kind === 'chatbot' && m.text.trim() === '' ? null : (
                <div className="msg__bubble">
                  <MessageText text={m.text} />
                </div>
              )}
              {kind === 'chatbot' && <ChatbotMessageExtras message={m} path={path} onMediaLoad={onMediaLoad} />}
              {kind === 'answer' && <AnswerNote message={m} />}
            </div>
          );
        })}
      </div>
    </div>
  );
}
