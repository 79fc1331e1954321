import { useMemo, useState } from 'react';
import { Composer } from './Composer';
import { ConversationHeader } from './ConversationHeader';
import { useInbox } from './InboxContext';
import { lastChatbotActivitySeq } from './state/chatbotPath';
import { visitorRefreshKey } from './state/visitorRefresh';
import { Transcript } from './Transcript';
import { VisitorPanel } from './VisitorPanel';

/** The open conversation: header with actions, transcript, composer — and the visitor beside it. */
export function ConversationView({ id }: { id: string }) {
  const conversation = useInbox((s) => s.conversations[id]);
  const transcript = useInbox((s) => s.transcripts[id]);
  const [panelOpen, setPanelOpen] = useState(false);
  const messages = transcript?.messages;
  const botSeq = useMemo(() => lastChatbotActivitySeq(messages ?? []), [messages]);

  if (!conversation) {
    const gone = transcript?.status === 'error';
    return (
      <section className="conversation conversation--placeholder" aria-label="Conversation">
        {gone ? (
          <div className="empty-state">
            <h2>Conversation not found</h2>
            <p>{transcript.error}</p>
          </div>
        ) : (
          <div className="empty-state" role="status">
            <span className="spinner" aria-hidden="true" />
            <p>Loading conversation…</p>
          </div>
        )}
      </section>
    );
  }

  return (
    <>
      <section className="conversation" aria-label={`Conversation with ${conversation.visitor.displayName}`}>
        <ConversationHeader conversation={conversation} onTogglePanel={() => setPanelOpen((o) => !o)} panelOpen={panelOpen} />
        <Transcript conversation={conversation} />
        <Composer conversation={conversation} />
      </section>
      <VisitorPanel
        visitorId={conversation.visitor.id}
        brief={conversation.visitor}
        refreshKey={visitorRefreshKey(conversation, botSeq)}
        open={panelOpen}
        onClose={() => setPanelOpen(false)}
      />
    </>
  );
}
