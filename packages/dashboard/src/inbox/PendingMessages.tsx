import type { OutboxEntry } from './state/outbox';
import { MessageText } from './MessageText';

/** Messages the agent sent that the server has not acknowledged yet. */
export function PendingMessages({ entries, online }: { entries: OutboxEntry[]; online: boolean }) {
  if (entries.length === 0) return null;
  return (
    <div className="msggroup msggroup--out msggroup--agent msggroup--pending">
      <div className="msggroup__avatar" />
      <div className="msggroup__body">
        {entries.map((e) => (
          <div key={e.clientId} className="msg msg--agent msg--pending" data-testid="pending-message" data-client-id={e.clientId}>
            <div className="msg__bubble">
              <MessageText text={e.text} />
            </div>
          </div>
        ))}
        <div className="msg__status" role="status">
          {online ? 'Sending…' : 'Waiting for the connection… (will be sent automatically)'}
        </div>
      </div>
    </div>
  );
}
