import type { Conversation, Visitor } from '@parley/core';
import type { ReactNode } from 'react';
import { Avatar } from '../components/Avatar';
import { ClockIcon, CloseIcon, GlobeIcon, LanguageIcon, LinkIcon, MailIcon, MonitorIcon, PhoneIcon, UserIcon } from '../components/icons';
import { fullDateTime, relativeTime } from '../lib/time';
import { useNow } from '../lib/useNow';
import { deviceSummary, languageName, pageLabel, safeHref, shortUrl } from '../lib/visitorFormat';
import { useVisitor } from './useVisitor';

function Row({ icon, label, children, testId, empty }: { icon: ReactNode; label: string; children: ReactNode; testId?: string; empty?: boolean }) {
  return (
    <div className="vrow">
      <span className="vrow__icon" aria-hidden="true">
        {icon}
      </span>
      <div className="vrow__body">
        <span className="vrow__label">{label}</span>
        <span className="vrow__value" data-testid={testId} data-empty={empty === undefined ? undefined : String(empty)}>
          {children}
        </span>
      </div>
    </div>
  );
}

/** A visited page: its title as a link, and its address underneath (agents recognise URLs). */
function PageLink({ page }: { page: { url: string; title?: string } }) {
  const href = safeHref(page.url);
  const label = pageLabel(page);
  const address = shortUrl(page.url);
  return (
    <span className="vpage">
      {href ? (
        <a className="vpage__title" href={href} target="_blank" rel="noopener noreferrer" title={page.url}>
          {label}
        </a>
      ) : (
        <span className="vpage__title" title={page.url}>
          {label}
        </span>
      )}
      {address !== label && <span className="vpage__url">{address}</span>}
    </span>
  );
}

function Details({ v, now }: { v: Visitor; now: Date }) {
  const c = v.contact;
  const props = Object.entries(c.properties);
  const language = languageName(v.language);
  return (
    <>
      <section className="vsection" aria-labelledby="v-contact">
        <h3 id="v-contact" className="vsection__title">
          Contact
        </h3>
        <Row icon={<UserIcon size={16} />} label="Name" testId="contact-name" empty={!c.name}>
          {c.name || <span className="muted">Not given</span>}
        </Row>
        <Row icon={<MailIcon size={16} />} label="Email" testId="contact-email" empty={!c.email}>
          {c.email ? <a href={`mailto:${c.email}`}>{c.email}</a> : <span className="muted">Not given</span>}
        </Row>
        <Row icon={<PhoneIcon size={16} />} label="Phone" testId="contact-phone" empty={!c.phone}>
          {c.phone ? <a href={`tel:${c.phone.replace(/[^\d+]/g, '')}`}>{c.phone}</a> : <span className="muted">Not given</span>}
        </Row>
        {props.length > 0 && (
          <dl className="vprops" data-testid="contact-properties">
            {props.map(([k, val]) => (
              <div key={k} className="vprops__row" data-testid="contact-property" data-key={k}>
                <dt>{k}</dt>
                <dd data-testid="contact-property-value">{val}</dd>
              </div>
            ))}
          </dl>
        )}
      </section>

      <section className="vsection" aria-labelledby="v-activity">
        <h3 id="v-activity" className="vsection__title">
          Activity
        </h3>
        <Row icon={<LinkIcon size={16} />} label="Current page">
          {v.currentPage ? <PageLink page={v.currentPage} /> : <span className="muted">Unknown</span>}
        </Row>
        <Row icon={<LanguageIcon size={16} />} label="Language">
          {language ?? <span className="muted">Unknown</span>}
        </Row>
        <Row icon={<MonitorIcon size={16} />} label="Device">
          {deviceSummary(v.device)}
        </Row>
        <Row icon={<GlobeIcon size={16} />} label="Visits">
          {v.visitCount} {v.visitCount === 1 ? 'visit' : 'visits'} · {v.pageViewCount} {v.pageViewCount === 1 ? 'page view' : 'page views'}
        </Row>
        <Row icon={<ClockIcon size={16} />} label="First seen">
          <span title={fullDateTime(v.firstSeenAt)}>{fullDateTime(v.firstSeenAt)}</span>
        </Row>
        <Row icon={<ClockIcon size={16} />} label="Last seen">
          <span title={fullDateTime(v.lastSeenAt)}>{v.online ? 'Now' : fullDateTime(v.lastSeenAt)}</span>
        </Row>
      </section>

      {v.recentPages.length > 0 && (
        <section className="vsection" aria-labelledby="v-pages">
          <h3 id="v-pages" className="vsection__title">
            Recent pages
          </h3>
          <ol className="vpages">
            {v.recentPages.slice(0, 10).map((p, i) => (
              <li key={`${p.at}-${i}`} className="vpages__item">
                <PageLink page={p} />
                <time dateTime={p.at} title={fullDateTime(p.at)}>
                  {relativeTime(p.at, now)}
                </time>
              </li>
            ))}
          </ol>
        </section>
      )}
    </>
  );
}

interface Props {
  visitorId: string;
  brief: Conversation['visitor'];
  refreshKey: string;
  /** On narrow screens the panel is a drawer. */
  open: boolean;
  onClose: () => void;
}

export function VisitorPanel({ visitorId, brief, refreshKey, open, onClose }: Props) {
  const { state, reload } = useVisitor(visitorId, refreshKey);
  const now = useNow(30_000);
  const v = state.visitor;
  const online = v?.online ?? brief.online;

  return (
    <aside className={`vpanel${open ? ' is-open' : ''}`} data-testid="visitor-panel" aria-label="Visitor details">
      <div className="vpanel__head">
        <Avatar name={brief.displayName} seed={brief.id} size="lg" online={online} />
        <div className="vpanel__who">
          <h2 className="vpanel__name">{v?.displayName ?? brief.displayName}</h2>
          <span className={`vpanel__online${online ? ' is-online' : ''}`} data-testid="visitor-online">
            {online ? 'Online now' : v ? `Last seen ${relativeTime(v.lastSeenAt, now)}` : 'Offline'}
          </span>
          {(v?.contact.email ?? brief.email) && <span className="vpanel__email">{v?.contact.email ?? brief.email}</span>}
        </div>
        <button type="button" className="btn btn--icon btn--ghost vpanel__close" aria-label="Close visitor details" onClick={onClose}>
          <CloseIcon />
        </button>
      </div>
      {v ? (
        <Details v={v} now={now} />
      ) : state.status === 'error' ? (
        <div className="vpanel__state" role="alert">
          <p>{state.error}</p>
          <button type="button" className="btn btn--sm" onClick={reload}>
            Try again
          </button>
        </div>
      ) : (
        <div className="vpanel__state" role="status">
          <span className="spinner" aria-hidden="true" /> Loading visitor…
        </div>
      )}
    </aside>
  );
}
