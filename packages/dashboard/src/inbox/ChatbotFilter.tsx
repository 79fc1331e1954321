import { useNavigate, useParams } from 'react-router';
import { useChatbotSummaries } from '../chatbots/useChatbotSummaries';
import { BotIcon } from '../components/icons';
import { filterToSearch } from './filterParams';
import type { ListFilter } from './state/conversations';

/**
 * "Joined by chatbot" (chatbot conversations only, `?label=joined_by_chatbot`)
 * and one chatbot (`?chatbot=<id>`), beside the tag filter; both go to the
 * list endpoint as `label` and `chatbotId`.
 */
export function ChatbotFilter({ filter }: { filter: ListFilter }) {
  const navigate = useNavigate();
  const { conversationId } = useParams();
  const { chatbots } = useChatbotSummaries();
  const path = conversationId ? `/inbox/${encodeURIComponent(conversationId)}` : '/inbox';
  const go = (next: ListFilter) => void navigate({ pathname: path, search: filterToSearch(next) }, { replace: true });
  const joined = filter.joinedByChatbot === true;

  return (
    <div className="chatbot-filter">
      <button
        type="button"
        className={`filter-toggle${joined ? ' is-active' : ''}`}
        data-testid="filter-joined-by-chatbot"
        aria-pressed={joined}
        title="Only chatbot conversations: the visitor clicked or answered a chatbot"
        onClick={() => {
          const next: ListFilter = { ...filter };
          if (joined) delete next.joinedByChatbot;
          else next.joinedByChatbot = true;
          go(next);
        }}
      >
        <BotIcon size={13} />
        Joined by chatbot
      </button>
      <label className="tag-filter chatbot-filter__select">
        <span className="visually-hidden">Chatbot</span>
        <select
          data-testid="filter-chatbot"
          value={filter.chatbotId ?? ''}
          onChange={(e) => {
            const next: ListFilter = { ...filter };
            if (e.target.value) next.chatbotId = e.target.value;
            else delete next.chatbotId;
            go(next);
          }}
        >
          <option value="">All chatbots</option>
          {chatbots?.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
          {filter.chatbotId && !chatbots?.some((c) => c.id === filter.chatbotId) && (
            <option value={filter.chatbotId}>{chatbots ? 'Unknown chatbot' : 'Loading…'}</option>
          )}
        </select>
      </label>
    </div>
  );
}
