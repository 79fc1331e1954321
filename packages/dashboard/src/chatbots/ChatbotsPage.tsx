import { useCallback, useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import '../styles/chatbots.css';
import { api, errorMessage } from '../api/client';
import type { ChatbotSummary } from '../api/types';
import { useAuthenticated } from '../auth/SessionContext';
import { UsagePanel } from '../billing/UsagePanel';
import { useUsage } from '../billing/UsageContext';
import { BotIcon, PlusIcon, SearchIcon } from '../components/icons';
import { canEditChatbots } from './canEdit';
import { ChatbotItem } from './ChatbotItem';
import { NewChatbotForm } from './NewChatbotForm';

/** `/app/chatbots`: the chatbot conversations left this month (every agent), then every chatbot with its status, version and languages. */
export function ChatbotsPage() {
  const { agent } = useAuthenticated();
  const canEdit = canEditChatbots(agent.role);
  const navigate = useNavigate();
  const [chatbots, setChatbots] = useState<ChatbotSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState<'closed' | 'open' | 'busy'>('closed');
  const [busyId, setBusyId] = useState<string | null>(null);
  const usage = useUsage();
  const { refresh: refreshUsage } = usage;

  // The shell refreshes the usage every 30 s and on focus; coming to this page asks too, unless it just did.
  useEffect(() => refreshUsage(5_000), [refreshUsage]);

  const load = useCallback((signal?: AbortSignal) => {
    setError(null);
    api
      .chatbots(signal)
      .then((res) => setChatbots(res.chatbots))
      .catch((err: unknown) => {
        if (!signal?.aborted) setError(errorMessage(err));
      });
  }, []);

  useEffect(() => {
    const ctrl = new AbortController();
    load(ctrl.signal);
    return () => ctrl.abort();
  }, [load]);

  const create = (name: string) => {
    setCreating('busy');
    api
      .createChatbot(name)
      .then(({ chatbot }) => navigate(`/chatbots/${encodeURIComponent(chatbot.id)}`))
      .catch((err: unknown) => {
        setCreating('open');
        setError(errorMessage(err));
      });
  };

  const setStatus = (id: string, status: 'active' | 'inactive') => {
    setBusyId(id);
    setError(null);
    api
      .updateChatbot(id, { status })
      .then(({ chatbot }) => setChatbots((list) => list?.map((c) => (c.id === id ? summaryOf(chatbot) : c)) ?? null))
      .catch((err: unknown) => setError(errorMessage(err)))
      .finally(() => setBusyId(null));
  };

  return (
    <div className="bots-page">
      <header className="bots-page__header">
        <div>
          <h1>Chatbots</h1>
          <p className="muted">Build a flow, preview it, publish it. Visitors meet the active ones.</p>
        </div>
        <div className="bots-page__actions">
          <Link to="/chatbots/debugger" className="btn" data-testid="open-debugger" title="Which chatbot would start for a visitor, and why the others would not">
            <SearchIcon size={16} />
            Targeting debugger
          </Link>
          {canEdit && creating === 'closed' && (
            <button type="button" className="btn btn--primary" data-testid="new-chatbot" onClick={() => setCreating('open')}>
              <PlusIcon size={16} />
              New chatbot
            </button>
          )}
        </div>
      </header>
      <UsagePanel usage={usage.usage} error={usage.error} loading={usage.loading} role={agent.role} />
      {creating !== 'closed' && (
        <NewChatbotForm busy={creating === 'busy'} onCreate={create} onCancel={() => setCreating('closed')} />
      )}
      {error && (
        <div className="form-error" role="alert">
          {error}
        </div>
      )}
      {chatbots === null && !error && (
        <div className="bots-page__loading" role="status" aria-busy="true">
          <span className="spinner" aria-hidden="true" /> Loading chatbots…
        </div>
      )}
      {chatbots !== null && chatbots.length === 0 && (
        <div className="empty-state">
          <span className="empty-state__icon">
            <BotIcon size={28} />
          </span>
          <h2>No chatbots yet</h2>
          <p>{canEdit ? 'Create one to greet visitors and answer the usual questions.' : 'An owner or admin can create one.'}</p>
        </div>
      )}
      {chatbots !== null && chatbots.length > 0 && (
        <ul className="bots-list" aria-label="Chatbots">
          <li className="bot-row bot-row--head" aria-hidden="true">
            <span />
            <span>Name</span>
            <span>Published</span>
            <span>Languages</span>
            <span>Status</span>
          </li>
          {chatbots.map((chatbot) => (
            <ChatbotItem
              key={chatbot.id}
              chatbot={chatbot}
              canEdit={canEdit}
              busy={busyId === chatbot.id}
              onStatus={(status) => setStatus(chatbot.id, status)}
            />
          ))}
        </ul>
      )}
    </div>
  );
}

function summaryOf(chatbot: ChatbotSummary & { draft?: unknown; problems?: unknown }): ChatbotSummary {
  const { draft: _draft, problems: _problems, ...summary } = chatbot;
  return summary;
}
