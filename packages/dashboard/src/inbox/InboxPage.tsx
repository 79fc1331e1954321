import { useEffect, useMemo } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { setBaseTitle } from '../lib/notify';
import { ConversationList } from './ConversationList';
import { ConversationView } from './ConversationView';
import { filterFromParams } from './filterParams';
import { useInboxController } from './InboxContext';
import { InboxEmpty } from './InboxEmpty';

/** Inbox (SmartHub): conversation list | transcript + composer | visitor panel. */
export function InboxPage() {
  const ctl = useInboxController();
  const { conversationId = null } = useParams();
  const [params] = useSearchParams();
  const filter = useMemo(() => filterFromParams(params), [params]);

  useEffect(() => setBaseTitle('Inbox · Parley'), []);

  useEffect(() => {
    ctl.setFilter(filter);
  }, [ctl, filter]);

  useEffect(() => {
    ctl.select(conversationId);
  }, [ctl, conversationId]);

  // Leaving the inbox: nothing is "on screen" any more (new messages count as unread).
  useEffect(() => () => ctl.select(null), [ctl]);

  return (
    <div className={`inbox${conversationId ? ' inbox--has-active' : ''}`}>
      <ConversationList filter={filter} activeId={conversationId} />
      {conversationId ? <ConversationView key={conversationId} id={conversationId} /> : <InboxEmpty />}
    </div>
  );
}
