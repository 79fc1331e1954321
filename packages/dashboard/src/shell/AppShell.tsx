import { Outlet } from 'react-router';
import { useAuthenticated, useSession } from '../auth/SessionContext';
import { InboxProvider } from '../inbox/InboxProvider';
import { RealtimeProvider } from '../realtime/RealtimeProvider';
import { ConnectionBanner } from './ConnectionBanner';
import { SideNav } from './SideNav';
import { TopBar } from './TopBar';

/** The signed-in frame: left navigation, top bar, and the page of the current route. */
export function AppShell() {
  const session = useAuthenticated();
  const { expire } = useSession();
  return (
    <RealtimeProvider onSessionLost={expire}>
      <InboxProvider me={session.agent.id}>
        <div className="shell">
          <SideNav />
          <div className="shell__main">
            <TopBar />
            <main className="shell__content">
              <ConnectionBanner />
              <Outlet />
            </main>
          </div>
        </div>
      </InboxProvider>
    </RealtimeProvider>
  );
}
