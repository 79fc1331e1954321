import type { ChatbotSummary } from '../api/types';
import { NumberInput } from '../components/NumberInput';
import {
  INACTIVITY_MAX,
  INACTIVITY_MIN,
  UNANSWERED_MAX,
  UNANSWERED_MIN,
  chooseUnansweredChatbot,
  type ChatbotConversationsForm,
} from './chatbotConversations';

interface Props {
  form: ChatbotConversationsForm;
  /** The live check's problems and the server's, by input. */
  errors: { inactivity: string[]; chatbotId: string[]; afterSeconds: string[] };
  chatbots: ChatbotSummary[] | null;
  readOnly: boolean;
  onChange(next: ChatbotConversationsForm): void;
}

function FieldErrors({ messages, testId }: { messages: string[]; testId: string }) {
  if (messages.length === 0) return null;
  return (
    <span className="tdebug__error" role="alert" data-testid={testId}>
      {messages.join('; ')}
    </span>
  );
}

/**
 * "Chatbot conversations": the inactivity timeout, and the chatbot that
 * joins when a visitor's message gets no reply in time (or off).
 */
export function ChatbotConversationsSection({ form, errors, chatbots, readOnly, onChange }: Props) {
  const u = form.unanswered;
  const known = u === null || chatbots === null || chatbots.some((c) => c.id === u.chatbotId);
  return (
    <section className="tcard" data-testid="settings-section" data-section="chatbot-conversations" aria-labelledby="cc-title">
      <header className="tcard__head">
        <h2 id="cc-title">Chatbot conversations</h2>
        <p className="muted">When a chatbot conversation has ended, and when a chatbot steps in for the team.</p>
      </header>

      <div className="tsentence">
        <label className="tsentence__row">
          <span>A chatbot conversation ends after</span>
          <NumberInput
            className="input input--sm tsentence__number"
            data-testid="inactivity-timeout"
            name="inactivityTimeoutMinutes"
            min={INACTIVITY_MIN}
            max={INACTIVITY_MAX}
            step={1}
            value={form.inactivity ?? undefined}
            disabled={readOnly}
            aria-invalid={errors.inactivity.length > 0 || undefined}
            onValue={(v) => onChange({ ...form, inactivity: v })}
          />
          <span>minutes without activity.</span>
        </label>
        <FieldErrors messages={errors.inactivity} testId="inactivity-timeout-error" />
        <p className="tcard__hint">
          A conversation where the visitor used the chatbot and nobody escalated then counts as <strong>Resolved by chatbot</strong>. 1 to 1 440
          minutes; 30 by default.
        </p>
      </div>

      <div className="tsentence">
        <div className="tsentence__row">
          <label htmlFor="unanswered-seconds">When nobody answers a visitor within</label>
          <NumberInput
            id="unanswered-seconds"
            className="input input--sm tsentence__number"
            data-testid="unanswered-seconds"
            name="afterSeconds"
            min={UNANSWERED_MIN}
            max={UNANSWERED_MAX}
            step={1}
            value={u?.afterSeconds ?? undefined}
            disabled={readOnly || u === null}
            aria-invalid={errors.afterSeconds.length > 0 || undefined}
            onValue={(v) => u && onChange({ ...form, unanswered: { ...u, afterSeconds: v } })}
          />
          <label htmlFor="unanswered-chatbot">seconds,</label>
          <select
            id="unanswered-chatbot"
            className="input input--sm tsentence__select"
            data-testid="unanswered-chatbot"
            name="unansweredChatbot"
            value={u?.chatbotId ?? ''}
            disabled={readOnly}
            aria-invalid={errors.chatbotId.length > 0 || undefined}
            onChange={(e) => onChange(chooseUnansweredChatbot(form, e.target.value))}
          >
            <option value="">no chatbot (off)</option>
            {chatbots?.map((c) => (
              <option key={c.id} value={c.id} disabled={c.publishedVersion === null}>
                {c.name}
                {c.publishedVersion === null ? ' (not published)' : c.status === 'inactive' ? ' (inactive)' : ''}
              </option>
            ))}
            {!known && u && <option value={u.chatbotId}>Unknown chatbot</option>}
            {chatbots === null && u && <option value={u.chatbotId}>Loading…</option>}
          </select>
          <span>joins the conversation.</span>
        </div>
        <FieldErrors messages={errors.afterSeconds} testId="unanswered-seconds-error" />
        <FieldErrors messages={errors.chatbotId} testId="unanswered-chatbot-error" />
        <p className="tcard__hint">
          Counted from the visitor&apos;s message; an agent&apos;s reply in time stops it. 10 to 3 600 seconds.
        </p>
      </div>
    </section>
  );
}
