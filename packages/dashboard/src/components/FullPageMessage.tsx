import type { ReactNode } from 'react';

export function FullPageMessage({ children, busy = false }: { children: ReactNode; busy?: boolean }) {
  return (
    <div className="full-page" role={busy ? 'status' : undefined} aria-busy={busy || undefined}>
      <div className="full-page__card">
        {busy && <span className="spinner" aria-hidden="true" />}
        {children}
      </div>
    </div>
  );
}
