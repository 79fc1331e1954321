import { ChatIcon } from '../components/icons';

export function InboxEmpty() {
  return (
    <section className="inbox__empty" aria-label="No conversation selected">
      <div className="empty-state">
        <span className="empty-state__icon">
          <ChatIcon size={28} />
        </span>
        <h2>Pick a conversation</h2>
        <p>Choose a conversation on the left to read it and reply. New conversations show up there as they start.</p>
      </div>
    </section>
  );
}
