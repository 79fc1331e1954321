import { Link } from 'react-router';
import type { ChatbotSummary } from '../api/types';
import { BotIcon } from '../components/icons';
import { StatusSwitch } from './StatusSwitch';

interface Props {
  chatbot: ChatbotSummary;
  canEdit: boolean;
  busy: boolean;
  onStatus(status: 'active' | 'inactive'): void;
}

/** One row of the chatbot list. */
export function ChatbotItem({ chatbot, canEdit, busy, onStatus }: Props) {
  return (
    <li className="bot-row" data-testid="chatbot-item" data-chatbot-id={chatbot.id}>
      <span className="bot-row__icon" aria-hidden="true">
        <BotIcon size={20} />
      </span>
      <Link className="bot-row__name" to={`/chatbots/${encodeURIComponent(chatbot.id)}`}>
        {chatbot.name}
      </Link>
      <span className="bot-row__version">
        {chatbot.publishedVersion ? (
          <span className="chip" title={`Published ${new Date(chatbot.publishedVersion.publishedAt).toLocaleString()}`}>
            v{chatbot.publishedVersion.number}
          </span>
        ) : (
          <span className="chip chip--muted">Not published</span>
        )}
        {chatbot.hasUnpublishedChanges && chatbot.publishedVersion !== null && (
          <span className="bot-row__changes" data-testid="unpublished-changes">
            Unpublished changes
          </span>
        )}
      </span>
      <span className="bot-row__langs">
        {chatbot.languages.map((lang) => (
          <span key={lang} className={`chip chip--xs ${lang === chatbot.defaultLanguage ? '' : 'chip--muted'}`}>
            {lang}
          </span>
        ))}
      </span>
      <StatusSwitch
        status={chatbot.status}
        canActivate={chatbot.publishedVersion !== null}
        busy={busy}
        disabled={!canEdit}
        onChange={onStatus}
      />
    </li>
  );
}
