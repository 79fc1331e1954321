import { lazy, Suspense, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { LoginPage } from './auth/LoginPage';
import { RequireSession } from './auth/RequireSession';
import { SessionProvider } from './auth/SessionProvider';
import { ChatbotsPage } from './chatbots/ChatbotsPage';
import { InboxPage } from './inbox/InboxPage';
import { AppShell } from './shell/AppShell';
import { FullPageMessage } from './components/FullPageMessage';
import { NotFoundPage } from './shell/NotFoundPage';

/** The builder (React Flow, the flow engine and its schemas) loads only when opened. */
const BuilderPage = lazy(() => import('./chatbots/BuilderPage').then((m) => ({ default: m.BuilderPage })));
/** Targeting (with @parley/targeting's checker and linter), the debugger and the workspace settings: lazy too. */
const TargetingPage = lazy(() => import('./targeting/TargetingPage').then((m) => ({ default: m.TargetingPage })));
const DebuggerPage = lazy(() => import('./targeting/DebuggerPage').then((m) => ({ default: m.DebuggerPage })));
/** Statistics (recharts, in its own chunk below it) and a chatbot's insights (React Flow): lazy. */
const StatisticsPage = lazy(() => import('./statistics/StatisticsPage').then((m) => ({ default: m.StatisticsPage })));
const InsightsPage = lazy(() => import('./insights/InsightsPage').then((m) => ({ default: m.InsightsPage })));
/** Billing: plan, packages, records, the usage ledger (owners and admins). */
const BillingPage = lazy(() => import('./billing/BillingPage').then((m) => ({ default: m.BillingPage })));
const WorkspaceSettingsPage = lazy(() => import('./settings/WorkspaceSettingsPage').then((m) => ({ default: m.WorkspaceSettingsPage })));

/** Routes under /app/ (the server falls back to index.html for any of them). */
/** A page loaded on demand (its own chunk), with a message while it loads. */
function LazyPage({ loading, children }: { loading: string; children: ReactNode }) {
  return <Suspense fallback={<FullPageMessage busy>{loading}</FullPageMessage>}>{children}</Suspense>;
}

export function App() {
  return (
    <BrowserRouter basename="/app">
      <SessionProvider>
        <Routes>
          <Route path="/login" element={<LoginPage />} />
          <Route
            element={
              <RequireSession>
                <AppShell />
              </RequireSession>
            }
          >
            <Route index element={<Navigate to="/inbox" replace />} />
            <Route path="/inbox/:conversationId?" element={<InboxPage />} />
            <Route path="/chatbots" element={<ChatbotsPage />} />
            <Route path="/chatbots/debugger" element={<LazyPage loading="Loading the debugger…"><DebuggerPage /></LazyPage>} />
            <Route path="/chatbots/:id/settings" element={<LazyPage loading="Loading the targeting…"><TargetingPage /></LazyPage>} />
            <Route path="/chatbots/:id/insights" element={<LazyPage loading="Loading the insights…"><InsightsPage /></LazyPage>} />
            <Route path="/chatbots/:id" element={<LazyPage loading="Loading the builder…"><BuilderPage /></LazyPage>} />
            <Route path="/statistics" element={<LazyPage loading="Loading the statistics…"><StatisticsPage /></LazyPage>} />
            <Route path="/billing" element={<LazyPage loading="Loading billing…"><BillingPage /></LazyPage>} />
            <Route path="/settings" element={<LazyPage loading="Loading the settings…"><WorkspaceSettingsPage /></LazyPage>} />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      </SessionProvider>
    </BrowserRouter>
  );
}
