import { useState } from 'react';
import { BellIcon } from '../components/icons';
import {
  dismissNotificationPrompt,
  notificationPermission,
  notificationPromptDismissed,
  requestNotificationPermission,
} from '../lib/notify';

/** A quiet offer to turn on desktop notifications — asked only when the agent clicks, never on load. */
export function NotificationPrompt() {
  const [show, setShow] = useState(() => notificationPermission() === 'default' && !notificationPromptDismissed());
  if (!show) return null;
  return (
    <div className="notice" role="region" aria-label="Desktop notifications">
      <BellIcon size={16} />
      <span className="notice__text">Get a desktop notification when a visitor writes while Parley is in the background, and when a chatbot hands a conversation over to the team.</span>
      <div className="notice__actions">
        <button
          type="button"
          className="btn btn--primary btn--xs"
          onClick={() => {
            void requestNotificationPermission().finally(() => setShow(false));
          }}
        >
          Turn on
        </button>
        <button
          type="button"
          className="btn btn--ghost btn--xs"
          onClick={() => {
            dismissNotificationPrompt();
            setShow(false);
          }}
        >
          Not now
        </button>
      </div>
    </div>
  );
}
