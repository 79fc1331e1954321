import { useState, useSyncExternalStore } from 'react';
import { useNavigate } from 'react-router';
import { useAuthenticated, useSession } from '../auth/SessionContext';
import { Avatar } from '../components/Avatar';
import { LogoutIcon, SoundIcon, SoundOffIcon } from '../components/icons';
import { isSoundMuted, setSoundMuted, subscribeSoundMuted } from '../lib/sound';
import { useConnection } from '../realtime/RealtimeContext';

const ROLE_LABEL = { owner: 'Owner', admin: 'Admin', agent: 'Agent' } as const;

export function TopBar() {
  const { agent, workspace } = useAuthenticated();
  const { logout } = useSession();
  const connection = useConnection();
  const [leaving, setLeaving] = useState(false);
  const muted = useSyncExternalStore(subscribeSoundMuted, isSoundMuted);
  const navigate = useNavigate();
  const online = connection.status === 'open';
  const presence = online ? 'Online' : connection.status === 'connecting' ? 'Connecting…' : 'Offline';

  return (
    <header className="topbar">
      <div className="topbar__workspace" title="Workspace">
        {workspace.name}
      </div>
      <div className="topbar__right">
        <span
          className={`presence presence--${online ? 'online' : connection.status === 'connecting' ? 'connecting' : 'offline'}`}
          data-testid="agent-status"
          title={online ? 'Connected: you receive conversations in real time' : 'Not connected to the server'}
        >
          <span className="presence__dot" aria-hidden="true" />
          {presence}
        </span>
        <button
          type="button"
          className="btn btn--icon btn--ghost"
          data-testid="sound-toggle"
          aria-pressed={!muted}
          aria-label={muted ? 'Turn on the new-message sound' : 'Mute the new-message sound'}
          title={muted ? 'Sound off: click to hear new visitor messages' : 'Sound on: click to mute new-message sounds'}
          onClick={() => setSoundMuted(!muted)}
        >
          {muted ? <SoundOffIcon /> : <SoundIcon />}
        </button>
        <div className="topbar__agent">
          <Avatar name={agent.name} seed={agent.id} size="sm" online={online} />
          <div className="topbar__agent-text">
            <span className="topbar__agent-name" data-testid="agent-name">
              {agent.name}
            </span>
            <span className="topbar__agent-role">{ROLE_LABEL[agent.role] ?? agent.role}</span>
          </div>
        </div>
        <button
          type="button"
          className="btn btn--ghost btn--sm"
          data-testid="logout"
          disabled={leaving}
          onClick={() => {
            setLeaving(true);
            logout()
              .then(() => navigate('/login', { replace: true }))
              .catch(() => setLeaving(false));
          }}
        >
          <LogoutIcon size={16} />
          <span>Log out</span>
        </button>
      </div>
    </header>
  );
}
