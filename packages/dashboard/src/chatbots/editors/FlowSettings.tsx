import type { FlowDocument } from '@parley/flow';
import { TextField } from './Field';
import { TranslationFields } from './TranslationFields';

interface Props {
  flow: FlowDocument;
  language: string;
  disabled: boolean;
  edit(change: (flow: FlowDocument) => FlowDocument): void;
}

/** Shown when no step is selected: the flow's own texts (handover messages). */
export function FlowSettings({ flow, language, disabled, edit }: Props) {
  const isDefault = language === flow.defaultLanguage;
  const messages = flow.handoverMessages;
  return (
    <div className="panel-section">
      <h3 className="panel-title">Chatbot</h3>
      <p className="muted panel-note">Select a step to edit it. Drag from a step's right edge to another step to connect them.</p>
      <h4 className="panel-subtitle">Handover messages</h4>
      <p className="muted panel-note">Sent when the visitor types instead of choosing, asks for a human, or gives up on a question.</p>
      {isDefault ? (
        <>
          <label className="panel-check">
            <input
              type="checkbox"
              checked={messages !== null}
              disabled={disabled}
              onChange={(e) =>
                edit((f) => ({
                  ...f,
                  handoverMessages: e.target.checked ? { agentsOnline: 'Someone will reply shortly.', noAgentOnline: 'Leave us your email and we will get back to you.' } : null,
                }))
              }
            />
            Send handover messages
          </label>
          {messages && (
            <>
              <TextField
                label="When agents are online"
                multiline
                value={messages.agentsOnline}
                disabled={disabled}
                onChange={(agentsOnline) => edit((f) => ({ ...f, handoverMessages: { ...messages, agentsOnline } }))}
              />
              <TextField
                label="When no agent is online"
                multiline
                value={messages.noAgentOnline}
                disabled={disabled}
                onChange={(noAgentOnline) => edit((f) => ({ ...f, handoverMessages: { ...messages, noAgentOnline } }))}
              />
            </>
          )}
        </>
      ) : messages ? (
        <TranslationFields flow={flow} nodeId={null} language={language} disabled={disabled} edit={edit} />
      ) : (
        <p className="muted panel-note">None are set in {flow.defaultLanguage}, so there is nothing to translate.</p>
      )}
    </div>
  );
}
