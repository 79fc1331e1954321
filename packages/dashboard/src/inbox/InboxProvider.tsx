import { useEffect, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../api/client';
import { bumpTitleBadge, clearTitleBadge, showNotification } from '../lib/notify';
import { chimeThrottle } from './state/chime';
import { installAudioUnlock, isSoundMuted, playChime } from '../lib/sound';
import { useSocket } from '../realtime/RealtimeContext';
import { InboxController } from './controller';
import { InboxContext } from './InboxContext';

/**
 * Lives in the app shell (not the Inbox page) so the conversation list keeps
 * following the socket — unread badge in the nav, title badge, notifications —
 * whatever page the agent is on.
 */
export function InboxProvider({ me, children }: { me: string; children: ReactNode }) {
  const socket = useSocket();
  const navigate = useNavigate();
  const [ctl] = useState(() => {
    const allowChime = chimeThrottle();
    return new InboxController({
      api,
      socket,
      me,
      isHidden: () => document.visibilityState === 'hidden',
      isMuted: isSoundMuted,
      onChime: () => {
        if (allowChime(Date.now())) playChime();
      },
      onHandover: ({ conversationId, title, body }) => {
        // A separate tag from the visitor-message notification: both may show for one handover.
        showNotification(title, body, `handover:${conversationId}`, () =>
          navigate(`/inbox/${encodeURIComponent(conversationId)}${window.location.search}`),
        );
      },
      onVisitorMessageWhileHidden: ({ conversationId, visitorName, text }) => {
        bumpTitleBadge();
        showNotification(`New message from ${visitorName}`, text, conversationId, () =>
          navigate(`/inbox/${encodeURIComponent(conversationId)}${window.location.search}`),
        );
      },
    });
  });

  useEffect(() => {
    installAudioUnlock();
    ctl.start();
    const onVisibility = () => {
      const visible = document.visibilityState !== 'hidden';
      ctl.setVisible(visible);
      if (visible) clearTitleBadge();
    };
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      ctl.stop();
    };
  }, [ctl]);

  return <InboxContext.Provider value={ctl}>{children}</InboxContext.Provider>;
}
