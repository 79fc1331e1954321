import { useRef } from 'react';
import { Link } from 'react-router';
import type { ChatbotSummary } from '../api/types';
import { AlertIcon, BotIcon, ChartIcon, TargetIcon } from '../components/icons';
import { fullDateTime } from '../lib/time';
import { errorCountLabel } from './state/runErrors';
import { StatusSwitch } from './StatusSwitch';
import { useErrorWarning } from './useErrorWarning';

interface Props {
  chatbot: ChatbotSummary;
  canEdit: boolean;
  busy: boolean;
  onStatus(status: 'active' | 'inactive'): void;
}

/** One row of the chatbot list. */
export function ChatbotItem({ chatbot, canEdit, busy, onStatus }: Props) {
  const ref = useRef<HTMLLIElement>(null);
  const warning = useErrorWarning(chatbot, ref);
  const to = `/chatbots/${encodeURIComponent(chatbot.id)}`;
  return (
    <li ref={ref} className="bot-row" data-testid="chatbot-item" data-chatbot-id={chatbot.id}>
      <span className="bot-row__icon" aria-hidden="true">
        <BotIcon size={20} />
      </span>
      <span className="bot-row__title">
        <Link className="bot-row__name" to={to}>
          {chatbot.name}
        </Link>
        <Link
          className="bot-row__targeting"
          to={`${to}/settings`}
          data-testid="chatbot-settings-link"
          title={`Targeting: who sees it, when and where (priority ${chatbot.priority})`}
        >
          <TargetIcon size={13} />
          Targeting
        </Link>
        <Link
          className="bot-row__targeting"
          to={`${to}/insights`}
          data-testid="chatbot-insights-link"
          title="Insights: what visitors did with it, step by step"
        >
          <ChartIcon size={13} />
          Insights
        </Link>
        {warning && (
          <Link
            className="bot-row__errors"
            to={`${to}?panel=errors`}
            data-testid="chatbot-errors"
            data-count={warning.count}
            title={`${errorCountLabel(warning.count, warning.capped)} while it ran in the last 24 hours (latest ${fullDateTime(warning.latestAt)}). Open the run errors.`}
          >
            <AlertIcon size={13} />
            {errorCountLabel(warning.count, warning.capped)}
          </Link>
        )}
      </span>
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
