import { useState } from 'react';
import { Link } from 'react-router';
import '../styles/usage.css';
import { useAuthenticated } from '../auth/SessionContext';
import { AlertIcon, CloseIcon } from '../components/icons';
import { useUsage } from './UsageContext';
import { bannerVisible, parseDismissal, usageTextParts, usageTone, warningText, type BannerDismissal } from './state/usage';

const STORAGE_KEY = 'parley.usageBanner.dismissed';

function readDismissal(): BannerDismissal | null {
  try {
    return parseDismissal(sessionStorage.getItem(STORAGE_KEY));
  } catch {
    return null;
  }
}

/**
 * The app-wide warning at 80 % and at the limit (every page, above the
 * content). Dismissed for the browser session; it comes back when the level
 * rises or a new period starts.
 */
export function UsageWarningBanner() {
  const { usage } = useUsage();
  const { agent } = useAuthenticated();
  const [dismissed, setDismissed] = useState<BannerDismissal | null>(readDismissal);
  if (!usage || !bannerVisible(usage, dismissed)) return null;
  const level = usage.warning === '100' ? '100' : '80';
  const tone = usageTone(usage.warning);
  const { left, renews } = usageTextParts(usage);
  const canSeeBilling = agent.role === 'owner' || agent.role === 'admin';

  const dismiss = () => {
    const next: BannerDismissal = { periodIndex: usage.period.index, level };
    setDismissed(next);
    try {
      sessionStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    } catch {
      // storage refused: dismissed until the next reload
    }
  };

  return (
    <div className={`usage-banner usage-banner--${tone}`} role="status" data-testid="usage-warning-banner" data-level={level}>
      <AlertIcon size={18} />
      <p className="usage-banner__text">
        <strong>{warningText(usage.warning)}</strong>
        {level === '80' && (
          <span className="usage-banner__detail">
            {' '}
            · {left}
            {renews}
          </span>
        )}
      </p>
      {canSeeBilling ? (
        <Link to="/billing" className="usage-banner__link" data-testid="usage-warning-billing">
          {agent.role === 'owner' ? (level === '100' ? 'Add conversations' : 'Billing') : 'See billing'}
        </Link>
      ) : (
        level === '100' && <span className="usage-banner__detail">Ask the workspace owner for more.</span>
      )}
      <button type="button" className="usage-banner__close" aria-label="Dismiss for this session" title="Dismiss for this session" onClick={dismiss}>
        <CloseIcon size={16} />
      </button>
    </div>
  );
}
