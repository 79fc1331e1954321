import { Outlet } from 'react-router';
import { useAuthenticated, useSession } from '../auth/SessionContext';
import { UsageProvider } from '../billing/UsageProvider';
import { UsageWarningBanner } from '../billing/UsageWarningBanner';
import { InboxProvider } from '../inbox/InboxProvider';
import { RealtimeProvider } from '../realtime/RealtimeProvider';
import { ConnectionBanner } from './ConnectionBanner';
import { SideNav } from './SideNav';
import { TopBar } from './TopBar';

/** The signed-in frame: left navigation, top bar, the usage warning (80 % / limit), and the page of the current route. */
export function AppShell() {
  const session = useAuthenticated();
  const { expire } = useSession();
  return (
    <RealtimeProvider onSessionLost={expire}>
      <InboxProvider me={session.agent.id}>
        <UsageProvider>
          <div className="shell">
            <SideNav />
            <div className="shell__main">
              <TopBar />
              <main className="shell__content">
                <ConnectionBanner />
                <UsageWarningBanner />
                <div className="shell__page">
                  <Outlet />
                </div>
              </main>
            </div>
          </div>
        </UsageProvider>
      </InboxProvider>
    </RealtimeProvider>
  );
}
