import { availableLanguages, type FlowDocument, type FlowEvent } from '@parley/flow';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { CloseIcon, ReopenIcon, SendIcon } from '../components/icons';
import { activeButtons, inputMode, sendPreviewEvent, startPreview, type PreviewSession, type PreviewSettings } from './state/preview';

interface Props {
  flow: FlowDocument;
  onClose(): void;
}

/** Runs the draft in the browser with the pure engine. Nothing reaches the server; it never counts. */
export function PreviewPanel({ flow, onClose }: Props) {
  const [settings, setSettings] = useState<PreviewSettings>({ agentsOnline: true, officeHoursOpen: true, language: null });
  const [session, setSession] = useState<PreviewSession>(() => startPreview(flow, settings));
  const [text, setText] = useState('');
  const flowRef = useRef(flow);
  flowRef.current = flow;
  const endRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    endRef.current?.scrollIntoView({ block: 'end' });
  }, [session.lines.length]);

  const restart = (next: PreviewSettings = settings) => {
    setSettings(next);
    setSession(startPreview(flowRef.current, next));
    setText('');
  };
  const send = (event: FlowEvent) => setSession((s) => sendPreviewEvent(flowRef.current, s, event, settings));

  const mode = inputMode(session.state);
  const buttons = activeButtons(session);
  const awaiting = session.state.awaiting.kind;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim() || mode === 'closed') return;
    send(mode === 'answer' ? { type: 'answer_given', text } : { type: 'free_text_typed', text });
    setText('');
  };
  const languages = availableLanguages(flow);

  return (
    <aside className="preview" data-testid="preview" aria-label="Preview">
      <div className="preview__head">
        <h3 className="panel-title">Preview</h3>
        <button type="button" className="btn btn--ghost btn--xs" data-testid="preview-restart" onClick={() => restart()}>
          <ReopenIcon size={14} /> Restart
        </button>
        <button type="button" className="btn btn--ghost btn--icon btn--sm" aria-label="Close preview" onClick={onClose}>
          <CloseIcon size={16} />
        </button>
      </div>
      <div className="preview__settings">
        <label className="panel-check">
          <input
            type="checkbox"
            data-testid="preview-agents-online"
            checked={settings.agentsOnline}
            onChange={(e) => setSettings({ ...settings, agentsOnline: e.target.checked })}
          />
          Agents online
        </label>
        <label className="panel-check">
          <input type="checkbox" checked={settings.officeHoursOpen} onChange={(e) => setSettings({ ...settings, officeHoursOpen: e.target.checked })} />
          Office hours
        </label>
        <select
          className="input input--xs"
          aria-label="Visitor language"
          data-testid="preview-language"
          value={settings.language ?? ''}
          onChange={(e) => restart({ ...settings, language: e.target.value || null })}
        >
          {languages.map((l, i) => (
            <option key={l} value={i === 0 ? '' : l}>
              {l}
            </option>
          ))}
        </select>
      </div>
      <div className="preview__log" aria-live="polite">
        {session.lines.map((line) => {
          if (line.kind === 'bot') {
            return (
              <div key={line.id} className={`pv-bot${line.retry ? ' is-retry' : ''}`} data-testid="preview-message">
                {line.text && <p>{line.text}</p>}
                {line.imageUrl && <span className="pv-attach">🖼 {line.imageUrl}</span>}
                {line.link && <span className="pv-attach">🔗 {line.link.label || line.link.url}</span>}
              </div>
            );
          }
          if (line.kind === 'visitor') {
            return (
              <div key={line.id} className="pv-visitor">
                {line.text}
              </div>
            );
          }
          return (
            <div key={line.id} className={`pv-system${line.kind === 'error' ? ' is-error' : ''}`} data-testid="preview-system">
              {line.text}
            </div>
          );
        })}
        {buttons.length > 0 && (
          <div className="pv-buttons">
            {buttons.map((b) => (
              <button
                key={b.id}
                type="button"
                className={`pv-button${b.human ? ' is-human' : ''}`}
                data-testid="preview-button"
                onClick={() => send({ type: 'button_chosen', choiceId: b.id })}
              >
                {b.label}
              </button>
            ))}
          </div>
        )}
        {awaiting === 'webhook' && (
          <div className="pv-buttons">
            <button type="button" className="btn btn--xs" onClick={() => send({ type: 'webhook_result', ok: true, data: {} })}>
              Webhook succeeds
            </button>
            <button type="button" className="btn btn--xs" onClick={() => send({ type: 'webhook_result', ok: false })}>
              Webhook fails
            </button>
          </div>
        )}
        {awaiting === 'delay' && (
          <div className="pv-buttons">
            <button type="button" className="btn btn--xs" onClick={() => send({ type: 'delay_elapsed' })}>
              Skip the wait
            </button>
          </div>
        )}
        <div ref={endRef} />
      </div>
      <form className="preview__input" onSubmit={submit}>
        <input
          className="input input--sm"
          data-testid="preview-input"
          placeholder={mode === 'answer' ? 'Type your answer…' : mode === 'closed' ? 'The chatbot has stopped' : 'Type instead of choosing…'}
          disabled={mode === 'closed'}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <button type="submit" className="btn btn--primary btn--icon btn--sm" aria-label="Send" disabled={mode === 'closed' || !text.trim()}>
          <SendIcon size={16} />
        </button>
      </form>
    </aside>
  );
}
