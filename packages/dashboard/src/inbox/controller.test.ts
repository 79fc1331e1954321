import type { ClientFrameInput, Conversation, Message } from '@parley/core';
import type { AgentServerFrame as ServerFrame } from '../realtime/frames';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/client';
import { InboxController, type HandoverNotice, type InboxControllerDeps } from './controller';
import { conv, msg } from './state/testData';

class FakeSocket {
  open = false;
  sent: ClientFrameInput[] = [];
  private listeners = new Set<(f: ServerFrame) => void>();
  send(frame: ClientFrameInput) {
    if (!this.open) return false;
    this.sent.push(frame);
    return true;
  }
  isOpen() {
    return this.open;
  }
  onFrame(l: (f: ServerFrame) => void) {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
  emit(frame: ServerFrame) {
    for (const l of this.listeners) l(frame);
  }
  hello(serverTime = '') {
    this.open = true;
    this.emit({ type: 'hello', protocol: 1, connectionId: 'x', role: 'agent', userId: 'me', serverTime });
  }
}

function fakeApi(convs: Conversation[], messages: Record<string, Message[]>) {
  return {
    agents: vi.fn(async () => ({ agents: [] })),
    conversations: vi.fn(async () => ({ conversations: [...convs], nextCursor: null })),
    conversation: vi.fn(async (id: string) => {
      const c = convs.find((x) => x.id === id);
      if (!c) throw new ApiError(404, 'not_found', 'Not found');
      return { conversation: c };
    }),
    messages: vi.fn(async (id: string, afterSeq: number) => {
      const all = (messages[id] ?? []).filter((m) => m.seq > afterSeq);
      return { messages: all.slice(0, 2), hasMore: all.length > 2 };
    }),
    assign: vi.fn(async (id: string, assigneeId: string | null) => ({ conversation: conv(id, { assigneeId }) })),
    addTag: vi.fn(async (id: string, tag: string) => ({ conversation: conv(id, { tags: [tag] }) })),
    removeTag: vi.fn(async (id: string) => ({ conversation: conv(id, { tags: [] }) })),
    close: vi.fn(async (id: string) => ({ conversation: conv(id, { status: 'closed' }) })),
    reopen: vi.fn(async (id: string) => ({ conversation: conv(id) })),
    read: vi.fn(async (id: string) => ({ conversation: conv(id) })),
    handToChatbot: vi.fn(async (id: string) => ({ conversation: conv(id, { labels: ['joined_by_chatbot'] }) })),
  } satisfies InboxControllerDeps['api'];
}

const flush = () => new Promise((r) => setTimeout(r, 0));

let socket: FakeSocket;
let ids: number;
function setup(
  convs = [conv('c1', { lastSeq: 3, unreadCount: 2 })],
  msgs: Record<string, Message[]> = { c1: [msg(1), msg(2), msg(3)] },
  hidden = false,
  muted = false,
) {
  socket = new FakeSocket();
  ids = 0;
  const api = fakeApi(convs, msgs);
  const notices: unknown[] = [];
  const chimes: string[] = [];
  const handovers: HandoverNotice[] = [];
  const ctl = new InboxController({
    api,
    socket,
    me: 'me',
    isHidden: () => hidden,
    newClientId: () => `k${++ids}`,
    onVisitorMessageWhileHidden: (n) => notices.push(n),
    onChime: (id) => chimes.push(id),
    isMuted: () => muted,
    onHandover: (n) => handovers.push(n),
  });
  ctl.start();
  return { ctl, api, notices, chimes, handovers };
}

beforeEach(() => vi.spyOn(console, 'warn').mockImplementation(() => {}));
afterEach(() => vi.restoreAllMocks());

describe('InboxController', () => {
  it('loads the list and a whole transcript across pages', async () => {
    const { ctl, api } = setup();
    ctl.setFilter({ status: 'open', assignee: 'mine' });
    await flush();
    expect(api.conversations).toHaveBeenCalledWith({ status: 'open', assignee: 'me' });
    ctl.select('c1');
    await flush();
    expect(api.messages.mock.calls.map((c) => c[1])).toEqual([0, 2]);
    expect(ctl.state.transcripts.c1!.messages.map((m) => m.seq)).toEqual([1, 2, 3]);
  });

  it('marks read when the agent views unread messages (REST while the socket is down, frame when up)', async () => {
    const { ctl, api } = setup();
    ctl.setFilter({ status: 'open', assignee: 'all' });
    await flush();
    ctl.select('c1');
    await flush();
    expect(api.read).toHaveBeenCalledWith('c1', 3);
    expect(ctl.state.conversations.c1!.unreadCount).toBe(0);
    socket.hello();
    socket.emit({ type: 'message', message: msg(4) });
    expect(socket.sent).toContainEqual({ type: 'read', conversationId: 'c1', seq: 4 });
  });

  it('does not mark read while the tab is hidden', async () => {
    const { ctl, api } = setup();
    ctl.setVisible(false);
    ctl.setFilter({ status: 'open', assignee: 'all' });
    await flush();
    ctl.select('c1');
    await flush();
    expect(api.read).not.toHaveBeenCalled();
    ctl.setVisible(true);
    expect(api.read).toHaveBeenCalledTimes(1);
  });

  it('queues while offline, then on connect sends sync first and resends the outbox', async () => {
    const { ctl } = setup();
    ctl.select('c1');
    await flush();
    expect(ctl.send('c1', '  Hello  ')).toEqual({ ok: true });
    expect(ctl.state.outbox).toHaveLength(1);
    socket.hello();
    expect(socket.sent).toEqual([
      { type: 'sync', conversationId: 'c1', afterSeq: 3 },
      { type: 'message.send', clientId: 'k1', conversationId: 'c1', text: 'Hello' },
    ]);
    socket.emit({ type: 'message.ack', clientId: 'k1', message: msg(4, { authorType: 'agent', clientId: 'k1', text: 'Hello' }) });
    expect(ctl.state.outbox).toEqual([]);
    // reconnect: nothing left to resend, sync from the new highest seq
    socket.sent = [];
    socket.hello();
    expect(socket.sent[0]).toEqual({ type: 'sync', conversationId: 'c1', afterSeq: 4 });
    expect(socket.sent.filter((f) => f.type === 'message.send')).toEqual([]);
  });

  it('asks again while a sync answer has more', () => {
    setup();
    socket.hello();
    socket.emit({ type: 'sync', conversationId: 'c1', messages: [msg(4), msg(5)], lastSeq: 9, hasMore: true });
    expect(socket.sent).toContainEqual({ type: 'sync', conversationId: 'c1', afterSeq: 5 });
  });

  it('refuses empty and over-long texts without queueing', () => {
    const { ctl } = setup();
    expect(ctl.send('c1', '   ')).toEqual({ ok: false, error: 'Message is empty' });
    expect(ctl.send('c1', 'x'.repeat(4001)).ok).toBe(false);
    expect(ctl.state.outbox).toEqual([]);
  });

  it('a refused message comes back into the composer with the error', () => {
    const { ctl, api } = setup();
    socket.hello();
    ctl.composerChanged('c1', 'Hi there');
    ctl.send('c1', 'Hi there');
    expect(ctl.state.drafts.c1).toBe('');
    socket.emit({ type: 'error', code: 'conversation_closed', message: 'Conversation is closed', ref: 'k1' });
    expect(ctl.state.drafts.c1).toBe('Hi there');
    expect(ctl.state.composerErrors.c1).toBe('Conversation is closed');
    expect(api.conversation).toHaveBeenCalledWith('c1'); // learns that it is closed
    ctl.composerChanged('c1', 'Hi there!');
    expect(ctl.state.composerErrors.c1).toBeUndefined();
  });

  it('throttles typing and stops it on send', () => {
    const { ctl } = setup();
    socket.hello();
    socket.sent = [];
    ctl.composerChanged('c1', 'H');
    ctl.composerChanged('c1', 'He');
    ctl.send('c1', 'He');
    expect(socket.sent.map((f) => (f.type === 'typing' ? `typing:${f.typing}` : f.type))).toEqual([
      'typing:true',
      'typing:false',
      'message.send',
    ]);
  });

  it('fetches an unknown conversation when a message for it arrives, and notifies while hidden', async () => {
    const { ctl, api, notices } = setup([conv('c1'), conv('c9')], {}, true);
    socket.hello();
    socket.emit({ type: 'message', message: msg(1, { conversationId: 'c9', text: 'anyone?' }) });
    await flush();
    expect(api.conversation).toHaveBeenCalledWith('c9');
    expect(ctl.state.conversations.c9).toBeDefined();
    expect(notices).toEqual([{ conversationId: 'c9', visitorName: 'Visitor c9', text: 'anyone?' }]);
  });

  it('applies assign / close / reopen answers', async () => {
    const { ctl } = setup();
    await ctl.assign('c1', 'me');
    expect(ctl.state.conversations.c1!.assigneeId).toBe('me');
    await ctl.close('c1');
    expect(ctl.state.conversations.c1!.status).toBe('closed');
    await ctl.reopen('c1');
    expect(ctl.state.conversations.c1!.status).toBe('open');
  });

  it('chimes for live visitor messages the agent is not looking at, unless muted', async () => {
    const two = [conv('c1', { lastSeq: 3 }), conv('c2')];
    const { ctl, chimes } = setup(two, { c1: [msg(1), msg(2), msg(3)] });
    ctl.setFilter({ status: 'open', assignee: 'all' });
    await flush();
    ctl.select('c1');
    await flush();
    socket.hello();
    socket.emit({ type: 'message', message: msg(4) });
    socket.emit({ type: 'message', message: msg(5, { authorType: 'agent' }) });
    expect(chimes).toEqual([]);
    socket.emit({ type: 'message', message: msg(1, { conversationId: 'c2', id: 'x1' }) });
    expect(chimes).toEqual(['c2']);
    socket.emit({ type: 'sync', conversationId: 'c2', messages: [msg(2, { conversationId: 'c2', id: 'x2' })], lastSeq: 2, hasMore: false });
    expect(chimes).toEqual(['c2']);
    ctl.setVisible(false);
    socket.emit({ type: 'message', message: msg(6) });
    expect(chimes).toEqual(['c2', 'c1']);

    const muted = setup(two, {}, false, true);
    muted.ctl.setFilter({ status: 'open', assignee: 'all' });
    await flush();
    socket.hello();
    socket.emit({ type: 'message', message: msg(1, { conversationId: 'c2' }) });
    expect(muted.chimes).toEqual([]);
  });

  it('adds and removes tags, and reloads the list for a tag filter', async () => {
    const { ctl, api } = setup();
    ctl.setFilter({ status: 'open', assignee: 'all' });
    await flush();
    await ctl.addTag('c1', 'vip');
    expect(api.addTag).toHaveBeenCalledWith('c1', 'vip');
    expect(ctl.state.conversations.c1!.tags).toEqual(['vip']);
    await ctl.removeTag('c1', 'vip');
    expect(ctl.state.conversations.c1!.tags).toEqual([]);
    ctl.setFilter({ status: 'open', assignee: 'all', tag: 'vip' });
    await flush();
    expect(api.conversations).toHaveBeenLastCalledWith({ status: 'open', tag: 'vip' });
  });

  it('passes the chatbot filters to the list endpoint and applies a hand-over to a chatbot', async () => {
    const { ctl, api } = setup();
    ctl.setFilter({ status: 'open', assignee: 'all', joinedByChatbot: true, chatbotId: 'bot1' });
    await flush();
    expect(api.conversations).toHaveBeenLastCalledWith({ status: 'open', label: 'joined_by_chatbot', chatbotId: 'bot1' });
    await ctl.handToChatbot('c1', 'bot1', 'finished');
    expect(api.handToChatbot).toHaveBeenCalledWith('c1', 'bot1', 'finished');
    expect(ctl.state.conversations.c1!.labels).toEqual(['joined_by_chatbot']);
  });

  describe('handover alerts', () => {
    const bot = { id: 'bot1', name: 'Acme', status: 'handed_over' as const };
    const T0 = '2024-03-14T11:00:00.000Z';
    const AT = '2024-03-14T12:00:00.000Z';
    const LATER = '2024-03-14T12:30:00.000Z';
    const handedOver = (id: string, at = AT, reason: 'visitor_typed' | 'asked_for_human' = 'visitor_typed') =>
      conv(id, { chatbot: bot, handover: { at, reason } });

    it('never alerts for the initial list load, then alerts once per new handover from frames', async () => {
      const { ctl, chimes, handovers } = setup([handedOver('c1'), conv('c2')], {});
      socket.hello(T0);
      ctl.setFilter({ status: 'open', assignee: 'all' });
      await flush();
      expect(ctl.state.conversations.c1!.handover).not.toBe(null);
      expect(handovers).toEqual([]);
      expect(chimes).toEqual([]);

      socket.emit({ type: 'conversation', conversation: { ...handedOver('c1'), unreadCount: 1 } }); // same handover
      expect(handovers).toEqual([]);

      socket.emit({ type: 'conversation', conversation: handedOver('c2', AT, 'asked_for_human') }); // null → set
      expect(handovers).toEqual([
        { conversationId: 'c2', title: 'Visitor c2 needs a human', body: 'Chatbot Acme handed over: the visitor asked for a human' },
      ]);
      expect(chimes).toEqual(['c2']);
      socket.emit({ type: 'conversation', conversation: handedOver('c2', AT, 'asked_for_human') });
      expect(handovers).toHaveLength(1);

      socket.emit({ type: 'conversation', conversation: handedOver('c1', LATER) }); // a new handover (another `at`)
      expect(handovers.map((h) => h.conversationId)).toEqual(['c2', 'c1']);
      expect(chimes).toEqual(['c2', 'c1']);
    });

    it('alerts for a conversation that appears with its handover (message frame with the summary)', () => {
      const { handovers } = setup([], {});
      socket.hello(T0);
      const m = msg(3, { conversationId: 'c7', text: 'can I talk to someone?' });
      socket.emit({ type: 'message', message: m, conversation: { ...handedOver('c7'), lastSeq: 3 } });
      expect(handovers.map((h) => h.conversationId)).toEqual(['c7']);
      socket.emit({ type: 'message', message: msg(4, { conversationId: 'c7' }), conversation: { ...handedOver('c7'), lastSeq: 4 } });
      expect(handovers).toHaveLength(1);
    });

    it('does not alert for an old handover of a conversation it did not hold', () => {
      const { handovers } = setup([], {});
      socket.hello(LATER);
      socket.emit({ type: 'conversation', conversation: handedOver('c7', AT) });
      expect(handovers).toEqual([]);
    });

    it('notifies but does not chime while muted', async () => {
      const { ctl, chimes, handovers } = setup([conv('c1')], {}, false, true);
      socket.hello(T0);
      ctl.setFilter({ status: 'open', assignee: 'all' });
      await flush();
      socket.emit({ type: 'conversation', conversation: handedOver('c1') });
      expect(handovers).toHaveLength(1);
      expect(chimes).toEqual([]);
    });

    it('alerts for a handover that happened while disconnected (list reload after reconnect)', async () => {
      const convs = [conv('c1')];
      const { ctl, api, handovers } = setup(convs, {});
      socket.hello(T0);
      ctl.setFilter({ status: 'open', assignee: 'all' });
      await flush();
      convs[0] = handedOver('c1');
      socket.hello(T0);
      await flush();
      expect(api.conversations).toHaveBeenCalledTimes(2);
      expect(handovers.map((h) => h.conversationId)).toEqual(['c1']);
    });

    it("the agent's own reply clears the handover at once (the ack carries no summary)", async () => {
      const { ctl } = setup([{ ...handedOver('c1'), lastSeq: 3 }], { c1: [msg(1), msg(2), msg(3)] });
      socket.hello(T0);
      ctl.setFilter({ status: 'open', assignee: 'all' });
      await flush();
      ctl.select('c1');
      await flush();
      ctl.send('c1', 'Hi, Ada here');
      expect(ctl.state.conversations.c1!.handover).not.toBe(null);
      socket.emit({
        type: 'message.ack',
        clientId: 'k1',
        message: msg(4, { authorType: 'agent', clientId: 'k1', text: 'Hi, Ada here', createdAt: LATER }),
      });
      expect(ctl.state.conversations.c1!.handover).toBe(null);
    });
  });
});
