import { useState } from 'react';
import { api, errorMessage } from '../../api/client';
import { KeyIcon } from '../../components/icons';

type KeyState = { status: 'hidden' } | { status: 'loading' } | { status: 'shown'; key: string } | { status: 'error'; message: string };

/**
 * How a webhook can tell the request comes from Parley (docs/chatbots.md
 * "Webhooks"), and the workspace's signing key for owners and admins
 * (`GET /chatbots/webhook-signing-key`; agents get 403, so the button is hidden).
 */
export function WebhookSignature({ canSeeKey }: { canSeeKey: boolean }) {
  const [state, setState] = useState<KeyState>({ status: 'hidden' });
  const [copied, setCopied] = useState(false);

  const show = () => {
    setState({ status: 'loading' });
    api
      .webhookSigningKey()
      .then(({ key }) => setState({ status: 'shown', key }))
      .catch((err: unknown) => setState({ status: 'error', message: errorMessage(err) }));
  };

  const copy = (key: string) => {
    void navigator.clipboard?.writeText(key).then(
      () => {
        setCopied(true);
        setTimeout(() => setCopied(false), 1500);
      },
      () => undefined,
    );
  };

  return (
    <div className="webhook-sig" data-testid="webhook-signature">
      <p className="webhook-sig__text">
        Each call is signed: the <code>X-Parley-Signature</code> header is <code>t=…,v1=…</code>, where <code>t</code> is the
        time in Unix seconds and <code>v1</code> the hex HMAC-SHA256 of <code>{'"<t>.<body>"'}</code> with your workspace's
        signing key. Compute the same on your side, compare, and refuse old <code>t</code> values.
      </p>
      <p className="webhook-sig__text muted">
        An error status, a network error or no answer within the time limit takes the <em>Failure</em> outlet; the error
        shows under Run errors.
      </p>
      {canSeeKey && state.status !== 'shown' && (
        <button
          type="button"
          className="btn btn--xs webhook-sig__show"
          data-testid="show-signing-key"
          disabled={state.status === 'loading'}
          onClick={show}
        >
          <KeyIcon size={13} /> {state.status === 'loading' ? 'Loading…' : 'Show signing key'}
        </button>
      )}
      {state.status === 'error' && (
        <p className="webhook-sig__error" role="alert" data-testid="signing-key-error">
          {state.message}
        </p>
      )}
      {state.status === 'shown' && (
        <div className="webhook-sig__key">
          <textarea
            className="input webhook-sig__value"
            rows={2}
            readOnly
            spellCheck={false}
            value={state.key}
            aria-label="Webhook signing key"
            data-testid="signing-key"
            onFocus={(e) => e.target.select()}
          />
          <button type="button" className="btn btn--xs" onClick={() => copy(state.key)}>
            {copied ? 'Copied' : 'Copy'}
          </button>
          <button type="button" className="btn btn--ghost btn--xs" data-testid="hide-signing-key" onClick={() => setState({ status: 'hidden' })}>
            Hide
          </button>
        </div>
      )}
    </div>
  );
}
