import { useCallback, useRef, useState } from 'react';
import { Link } from 'react-router';
import type { ChatbotRole } from '../api/types';
import { useChatbotSummaries } from '../chatbots/useChatbotSummaries';
import { BotIcon, ChevronDownIcon } from '../components/icons';
import { useMenuDismiss } from './useMenuDismiss';

/**
 * "Hand to chatbot": the active (published) chatbots, each with "Join now"
 * (it takes the conversation over now) and "Finish with it" (it runs now and
 * the conversation closes when its flow ends — a rating, a goodbye). The list
 * loads when the menu first opens.
 */
export function HandToChatbotMenu({ disabled, onPick }: { disabled: boolean; onPick: (chatbotId: string, role: ChatbotRole) => void }) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const { chatbots, error } = useChatbotSummaries(open);
  const close = useCallback(() => setOpen(false), []);
  useMenuDismiss(root, open, close);
  const active = chatbots?.filter((c) => c.status === 'active' && c.publishedVersion !== null) ?? [];

  const pick = (chatbotId: string, role: ChatbotRole) => {
    setOpen(false);
    onPick(chatbotId, role);
  };

  return (
    <div className="menu" ref={root}>
      <button
        type="button"
        className="btn btn--sm btn--ghost"
        data-testid="hand-to-chatbot"
        aria-haspopup="menu"
        aria-expanded={open}
        disabled={disabled}
        title="Let a chatbot join this conversation now, or finish it"
        onClick={() => setOpen((o) => !o)}
      >
        <BotIcon size={16} />
        <span>Hand to chatbot</span>
        <ChevronDownIcon size={14} />
      </button>
      {open && (
        <div className="menu__list hand-menu" role="menu" aria-label="Hand to chatbot" data-testid="hand-to-chatbot-menu">
          <p className="hand-menu__help">
            <strong>Join now</strong>: the chatbot takes over from here. <strong>Finish with it</strong>: the chatbot runs its flow and the
            conversation closes when the flow ends.
          </p>
          {chatbots === null && !error && <p className="menu__empty">Loading chatbots…</p>}
          {error && (
            <p className="menu__empty" role="alert">
              {error}
            </p>
          )}
          {chatbots !== null && active.length === 0 && (
            <p className="menu__empty" data-testid="hand-to-chatbot-empty">
              No active chatbot. <Link to="/chatbots">Publish and activate one</Link>.
            </p>
          )}
          <ul className="hand-menu__list">
            {active.map((c) => (
              <li key={c.id} className="hand-menu__bot" data-testid="hand-chatbot" data-chatbot-id={c.id}>
                <span className="hand-menu__name" title={c.name}>
                  <BotIcon size={14} /> {c.name}
                </span>
                <span className="hand-menu__roles">
                  <button
                    type="button"
                    role="menuitem"
                    className="btn btn--xs"
                    data-testid="hand-join"
                    data-chatbot-id={c.id}
                    onClick={() => pick(c.id, 'joined')}
                  >
                    Join now
                  </button>
                  <button
                    type="button"
                    role="menuitem"
                    className="btn btn--xs"
                    data-testid="hand-finish"
                    data-chatbot-id={c.id}
                    onClick={() => pick(c.id, 'finished')}
                  >
                    Finish with it
                  </button>
                </span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
