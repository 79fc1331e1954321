import { describe, expect, it } from 'vitest';
import { conv } from './testData';
import { visitorRefreshKey } from './visitorRefresh';

describe('visitorRefreshKey', () => {
  const base = conv('c1', { chatbot: { id: 'bot1', name: 'Acme', status: 'waiting' } });
  const key = visitorRefreshKey(base, 3);

  it('stays put for changes that cannot touch the visitor', () => {
    expect(visitorRefreshKey(conv('c1', { chatbot: base.chatbot, unreadCount: 4, tags: ['vip'], lastSeq: 12 }), 3)).toBe(key);
  });

  it('moves when the contact may have changed', () => {
    expect(visitorRefreshKey(base, 4)).not.toBe(key); // a chatbot message, choice or answer arrived
    expect(visitorRefreshKey({ ...base, visitor: { ...base.visitor, email: 'ada@example.com' } }, 3)).not.toBe(key);
    expect(visitorRefreshKey({ ...base, visitor: { ...base.visitor, displayName: 'Ada' } }, 3)).not.toBe(key);
    expect(visitorRefreshKey({ ...base, visitor: { ...base.visitor, online: false } }, 3)).not.toBe(key);
    expect(visitorRefreshKey({ ...base, chatbot: { id: 'bot1', name: 'Acme', status: 'ended' } }, 3)).not.toBe(key);
    expect(visitorRefreshKey({ ...base, handover: { at: '2024-03-14T12:00:00.000Z', reason: 'handover_node' } }, 3)).not.toBe(key);
  });
});
