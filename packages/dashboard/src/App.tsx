import { lazy, Suspense } from 'react';
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
            <Route
              path="/chatbots/debugger"
              element={
                <Suspense fallback={<FullPageMessage busy>Loading the debugger…</FullPageMessage>}>
                  <DebuggerPage />
                </Suspense>
              }
            />
            <Route
              path="/chatbots/:id/settings"
              element={
                <Suspense fallback={<FullPageMessage busy>Loading the targeting…</FullPageMessage>}>
                  <TargetingPage />
                </Suspense>
              }
            />
            <Route
              path="/chatbots/:id/insights"
              element={
                <Suspense fallback={<FullPageMessage busy>Loading the insights…</FullPageMessage>}>
                  <InsightsPage />
                </Suspense>
              }
            />
            <Route
              path="/chatbots/:id"
              element={
                <Suspense fallback={<FullPageMessage busy>Loading the builder…</FullPageMessage>}>
                  <BuilderPage />
                </Suspense>
              }
            />
            <Route
              path="/statistics"
              element={
                <Suspense fallback={<FullPageMessage busy>Loading the statistics…</FullPageMessage>}>
                  <StatisticsPage />
                </Suspense>
              }
            />
            <Route
              path="/billing"
              element={
                <Suspense fallback={<FullPageMessage busy>Loading billing…</FullPageMessage>}>
                  <BillingPage />
                </Suspense>
              }
            />
            <Route
              path="/settings"
              element={
                <Suspense fallback={<FullPageMessage busy>Loading the settings…</FullPageMessage>}>
                  <WorkspaceSettingsPage />
                </Suspense>
              }
            />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      </SessionProvider>
    </BrowserRouter>
  );
}
