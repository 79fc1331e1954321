import type { Conversation } from '@parley/core';
import { useState } from 'react';
import { Link, useLocation } from 'react-router';
import { errorMessage } from '../api/client';
import type { ChatbotRole } from '../api/types';
import { AlertIcon, BackIcon, BotIcon, CheckCircleIcon, PanelIcon, ReopenIcon, UserMinusIcon, UserPlusIcon } from '../components/icons';
import { AssignMenu } from './AssignMenu';
import { HandToChatbotMenu } from './HandToChatbotMenu';
import { useInbox, useInboxController } from './InboxContext';
import { chatbotStatusText } from './state/handover';
import { TagEditor } from './TagEditor';

type Action = 'assign' | 'unassign' | 'assignTo' | 'close' | 'reopen' | 'handToChatbot';

export function ConversationHeader({
  conversation: c,
  onTogglePanel,
  panelOpen,
}: {
  conversation: Conversation;
  onTogglePanel: () => void;
  panelOpen: boolean;
}) {
  const ctl = useInboxController();
  const me = useInbox((s) => s.me);
  const assignee = useInbox((s) => (c.assigneeId ? s.agents[c.assigneeId] : undefined));
  const [busy, setBusy] = useState<Action | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { search } = useLocation();

  async function run(action: Action, target: string | null = null, role: ChatbotRole = 'joined') {
    setBusy(action);
    setError(null);
    try {
      if (action === 'handToChatbot' && target) await ctl.handToChatbot(c.id, target, role);
      else if (action === 'assign') await ctl.assign(c.id, me);
      else if (action === 'assignTo') await ctl.assign(c.id, target);
      else if (action === 'unassign') await ctl.assign(c.id, null);
      else if (action === 'close') await ctl.close(c.id);
      else await ctl.reopen(c.id);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  }

  const mine = c.assigneeId !== null && c.assigneeId === me;
  const handover = c.handover ?? null;
  const chatbot = c.chatbot ?? null;
  const botText = chatbotStatusText(chatbot, handover);
  const assigneeText = c.assigneeId === null ? 'Unassigned' : mine ? 'Assigned to you' : `Assigned to ${assignee?.name ?? 'another agent'}`;

  return (
    <header className="convhead">
      <Link className="convhead__back btn btn--icon btn--ghost" to={{ pathname: '/inbox', search }} aria-label="Back to the list">
        <BackIcon />
      </Link>
      <div className="convhead__who">
        <h2 className="convhead__name">{c.visitor.displayName}</h2>
        <div className="convhead__sub">
          <span className={`status-chip status-chip--${c.status}`} data-testid="conversation-status">
            {c.status === 'open' ? 'Open' : 'Closed'}
          </span>
          <span className="convhead__assignee" data-testid="conversation-assignee">
            {assigneeText}
          </span>
          <span className={`convhead__online${c.visitor.online ? ' is-online' : ''}`}>
            {c.visitor.online ? 'Visitor online' : 'Visitor offline'}
          </span>
          {c.labels.includes('joined_by_chatbot') && (
            <span
              className="chip chip--bot convhead__label"
              data-testid="label-joined-by-chatbot"
              title="A chatbot conversation: the visitor clicked or answered a chatbot"
            >
              <BotIcon size={12} />
              Joined by chatbot
            </span>
          )}
        </div>
      </div>
      <div className="convhead__actions">
        {/* One toggle for the agent's own assignment; taking over someone else's is "Assign to me". */}
        <button
          type="button"
          className="btn btn--sm"
          data-testid="assign-me"
          aria-pressed={mine}
          disabled={busy !== null}
          onClick={() => void run(mine ? 'unassign' : 'assign')}
        >
          {mine ? <UserMinusIcon size={16} /> : <UserPlusIcon size={16} />}
          <span>
            {busy === 'assign' ? 'Assigning…' : busy === 'unassign' ? 'Unassigning…' : mine ? 'Unassign' : 'Assign to me'}
          </span>
        </button>
        {c.assigneeId !== null && !mine && (
          <button type="button" className="btn btn--sm btn--ghost" data-testid="unassign" disabled={busy !== null} onClick={() => void run('unassign')}>
            <UserMinusIcon size={16} />
            <span>{busy === 'unassign' ? 'Unassigning…' : 'Unassign'}</span>
          </button>
        )}
        <AssignMenu assigneeId={c.assigneeId} disabled={busy !== null} onPick={(id) => void run('assignTo', id)} />
        <HandToChatbotMenu disabled={busy !== null} onPick={(chatbotId, role) => void run('handToChatbot', chatbotId, role)} />
        {c.status === 'open' ? (
          <button
            type="button"
            className="btn btn--sm btn--success"
            data-testid="close-conversation"
            disabled={busy !== null}
            onClick={() => void run('close')}
          >
            <CheckCircleIcon size={16} />
            <span>{busy === 'close' ? 'Closing…' : 'Close'}</span>
          </button>
        ) : (
          <button
            type="button"
            className="btn btn--sm btn--primary"
            data-testid="reopen-conversation"
            disabled={busy !== null}
            onClick={() => void run('reopen')}
          >
            <ReopenIcon size={16} />
            <span>{busy === 'reopen' ? 'Reopening…' : 'Reopen'}</span>
          </button>
        )}
        <button
          type="button"
          className="btn btn--icon btn--ghost convhead__panel-toggle"
          aria-label={panelOpen ? 'Hide visitor details' : 'Show visitor details'}
          aria-pressed={panelOpen}
          onClick={onTogglePanel}
        >
          <PanelIcon />
        </button>
      </div>
      {botText && (
        <div className="convhead__botrow">
          <div
            className={`convhead__bot${handover ? ' convhead__bot--handover' : ''}`}
            data-testid="conversation-chatbot"
            data-chatbot-id={chatbot?.id}
            data-status={chatbot?.status}
            data-handover={handover?.reason}
          >
            {handover ? <AlertIcon size={14} /> : <BotIcon size={14} />}
            <span data-testid="conversation-chatbot-text">{botText}</span>
            {handover && <span className="convhead__bot-hint">Reply to take over</span>}
          </div>
        </div>
      )}
      <TagEditor conversation={c} />
      {error && (
        <div className="convhead__error" role="alert" data-testid="conversation-error">
          {error}
        </div>
      )}
    </header>
  );
}
