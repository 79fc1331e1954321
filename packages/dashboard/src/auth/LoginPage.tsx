import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Navigate, useSearchParams } from 'react-router';
import { ApiError, errorMessage } from '../api/client';
import { AlertIcon } from '../components/icons';
import { Logo } from '../components/Logo';
import { useSession } from './SessionContext';

function loginError(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.status === 401) return 'Wrong email or password';
    if (err.status === 429) return 'Too many attempts. Wait a moment and try again.';
    if (err.status === 400) return err.issues[0]?.message ?? err.message;
  }
  return errorMessage(err);
}

/** Only paths inside the app, never another origin. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/inbox';
}

export function LoginPage() {
  const { state, login } = useSession();
  const [params] = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    document.title = 'Sign in · Parley';
  }, []);

  if (state.status === 'authenticated') return <Navigate to={safeNext(params.get('next'))} replace />;
  const expired = state.status === 'anonymous' && state.expired;

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    if (!email.trim() || !password) {
      setError('Enter your email and password.');
      (email.trim() ? passwordRef : emailRef).current?.focus();
      return;
    }
    setError(null);
    setBusy(true);
    try {
      await login(email.trim(), password);
    } catch (err) {
      setError(loginError(err));
      setBusy(false);
      passwordRef.current?.select();
    }
  }

  return (
    <main className="login">
      <div className="login__card">
        <div className="login__brand">
          <Logo size={40} />
          <span>Parley</span>
        </div>
        <h1 className="login__title">Sign in to your inbox</h1>
        {expired && !error && (
          <p className="login__notice" role="status">
            Your session has ended. Please sign in again.
          </p>
        )}
        <form className="login__form" onSubmit={onSubmit} noValidate>
          <label className="field">
            <span className="field__label">Email</span>
            <input
              ref={emailRef}
              className="input"
              type="email"
              name="email"
              autoComplete="username"
              autoFocus
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? 'login-error' : undefined}
            />
          </label>
          <label className="field">
            <span className="field__label">Password</span>
            <input
              ref={passwordRef}
              className="input"
              type="password"
              name="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? 'login-error' : undefined}
            />
          </label>
          {error && (
            <div id="login-error" className="form-error" role="alert" data-testid="login-error">
              <AlertIcon size={16} />
              <span>{error}</span>
            </div>
          )}
          <button type="submit" className="btn btn--primary btn--block" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
      </div>
      <p className="login__footer">Parley · self-hosted live chat</p>
    </main>
  );
}
