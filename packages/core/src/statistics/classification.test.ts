import { describe, expect, it } from 'vitest';
import {
  classifyConversation,
  classifyForChatbot,
  foldConversation,
  sessionDropOff,
  type ChatbotRecord,
  type ChatbotRole,
  type ConversationRecord,
  type StatisticsRecord,
} from '../index.js';

const T0 = Date.UTC(2026, 10, 25, 9, 0, 0);

function chatbot(event: ChatbotRecord['event'], at: number, ordinal: number, extra: Partial<ChatbotRecord> = {}): ChatbotRecord {
  return { source: 'chatbot', sessionId: 's1', ordinal, chatbotId: 'bot', versionId: 'v1', language: 'en', event, nodeId: 'menu', choiceId: null, reason: null, at, ...extra };
}
function conversation(kind: ConversationRecord['kind'], at: number, sessionId: string | null = null): ConversationRecord {
  return { source: 'conversation', kind, sessionId, at };
}

type Action = 'clicked' | 'answered' | 'typed' | 'typed_after' | 'ignored';
type Ending = 'chatbox_closed' | 'closed' | 'inactive' | 'end_node' | 'none';

/** A conversation in which a chatbot came in (role), the visitor did something, maybe a handover, maybe an end. */
function scenario(role: ChatbotRole, action: Action, handover: boolean, ending: Ending): { records: StatisticsRecord[]; visible: boolean } {
  const records: StatisticsRecord[] = [chatbot('triggered', T0, 0, { reason: role }), chatbot('node_reached', T0, 1000)];
  if (action === 'clicked') records.push(chatbot('button_chosen', T0 + 1_000, 2000, { choiceId: 'pricing' }), chatbot('node_reached', T0 + 1_000, 2001, { nodeId: 'price' }));
  if (action === 'answered') records.push(chatbot('answer_given', T0 + 1_000, 2000, { nodeId: 'ask_email' }));
  if (action === 'typed') records.push(chatbot('typed_instead', T0 + 1_000, 2000), chatbot('handover', T0 + 1_000, 2001, { reason: 'visitor_typed' }));
  if (action === 'typed_after') {
    // Clicked through, the flow ended, then wrote a message of their own.
    records.push(chatbot('button_chosen', T0 + 1_000, 2000, { choiceId: 'pricing' }), chatbot('ended', T0 + 1_000, 2001, { reason: 'end_node' }));
    records.push(conversation('visitor_typed', T0 + 2_000, 's1'));
  }
  if (handover) records.push(chatbot('handover', T0 + 3_000, 3000, { reason: 'handover_node' }));
  if (ending === 'end_node' && action !== 'typed_after') records.push(chatbot('ended', T0 + 4_000, 4000, { reason: 'end_node' }));
  if (ending === 'chatbox_closed' || ending === 'closed' || ending === 'inactive') records.push(conversation(ending, T0 + 5_000));
  const visible = action !== 'ignored' || handover;
  return { records, visible };
}

describe('classification over every combination', () => {
  const roles: ChatbotRole[] = ['started', 'joined', 'finished'];
  const actions: Action[] = ['clicked', 'answered', 'typed', 'typed_after', 'ignored'];
  const endings: Ending[] = ['chatbox_closed', 'closed', 'inactive', 'end_node', 'none'];
  for (const role of roles) {
    for (const action of actions) {
      for (const handover of [false, true]) {
        for (const ending of endings) {
          it(`${role} × ${action} × ${handover ? 'handover' : 'no handover'} × ${ending}`, () => {
            const { records, visible } = scenario(role, action, handover, ending);
            const result = classifyConversation(foldConversation({ conversationId: 'c', createdAt: T0, visible }, records));
            const interacted = action === 'clicked' || action === 'answered' || action === 'typed_after';
            const escalated = action === 'typed' || action === 'typed_after' || handover;
            const ended = ending !== 'none' || action === 'typed_after';
            expect(result.kind).toBe(interacted ? 'chatbot_conversation' : 'normal_conversation');
            expect(result.firstInteractionAt).toBe(interacted ? T0 + 1_000 : null);
            expect(result.chatbotShown).toBe(true);
            expect(result.outcome).toBe(escalated ? 'escalated_to_human' : interacted ? (ended ? 'resolved_by_chatbot' : 'in_progress') : 'none');
            expect(result.impression).toBe(!visible);
          });
        }
      }
    }
  }
});

describe("the seed's two examples", () => {
  it('clicked through and closed the chat box: chatbot conversation, Resolved by chatbot', () => {
    const facts = foldConversation({ conversationId: 'c', createdAt: T0, visible: true }, [
      chatbot('triggered', T0, 0, { reason: 'started' }),
      chatbot('node_reached', T0, 1),
      chatbot('button_chosen', T0 + 2_000, 1000, { choiceId: 'pricing' }),
      chatbot('node_reached', T0 + 2_000, 1001, { nodeId: 'price' }),
      conversation('chatbox_closed', T0 + 9_000),
    ]);
    expect(classifyConversation(facts)).toEqual({
      kind: 'chatbot_conversation',
      firstInteractionAt: T0 + 2_000,
      chatbotShown: true,
      outcome: 'resolved_by_chatbot',
      impression: false,
    });
  });
  it('ignored the buttons and typed: normal conversation, Escalated to human', () => {
    const facts = foldConversation({ conversationId: 'c', createdAt: T0, visible: true }, [
      chatbot('triggered', T0, 0, { reason: 'started' }),
      chatbot('node_reached', T0, 1),
      chatbot('typed_instead', T0 + 3_000, 1000),
      chatbot('handover', T0 + 3_000, 1001, { reason: 'visitor_typed' }),
      chatbot('ended', T0 + 3_000, 1002, { reason: 'handover' }),
    ]);
    expect(classifyConversation(facts)).toMatchObject({ kind: 'normal_conversation', outcome: 'escalated_to_human', firstInteractionAt: null });
  });
});

describe('rules around the edges', () => {
  it('a conversation with no chatbot has no outcome', () => {
    expect(classifyConversation(foldConversation({ conversationId: 'c', createdAt: T0, visible: true }, [conversation('closed', T0 + 1)]))).toEqual({
      kind: 'normal_conversation',
      firstInteractionAt: null,
      chatbotShown: false,
      outcome: 'none',
      impression: false,
    });
  });
  it('closing the box before interacting does not end what comes after', () => {
    const facts = foldConversation({ conversationId: 'c', createdAt: T0, visible: true }, [
      chatbot('triggered', T0, 0),
      conversation('chatbox_closed', T0 + 1_000),
      chatbot('button_chosen', T0 + 2_000, 1000, { choiceId: 'x' }),
    ]);
    expect(classifyConversation(facts).outcome).toBe('in_progress');
  });
  it('a visitor message escalates only the session it was written in', () => {
    const records: StatisticsRecord[] = [
      chatbot('triggered', T0, 0, { sessionId: 'a', chatbotId: 'faq' }),
      chatbot('button_chosen', T0 + 1_000, 1000, { sessionId: 'a', chatbotId: 'faq', choiceId: 'x' }),
      chatbot('ended', T0 + 1_000, 1001, { sessionId: 'a', chatbotId: 'faq', reason: 'end_node' }),
      chatbot('triggered', T0 + 5_000, 0, { sessionId: 'b', chatbotId: 'rating', reason: 'finished' }),
      conversation('visitor_typed', T0 + 6_000, 'b'),
    ];
    const facts = foldConversation({ conversationId: 'c', createdAt: T0, visible: true }, records);
    expect(classifyForChatbot(facts, 'faq').outcome).toBe('resolved_by_chatbot');
    expect(classifyForChatbot(facts, 'rating')).toMatchObject({ kind: 'normal_conversation', outcome: 'escalated_to_human' });
    expect(classifyConversation(facts)).toMatchObject({ kind: 'chatbot_conversation', outcome: 'escalated_to_human' });
  });
  it('a session role comes from its triggered record', () => {
    const facts = foldConversation({ conversationId: 'c', createdAt: T0, visible: true }, [chatbot('node_reached', T0, 1), chatbot('triggered', T0, 0, { reason: 'joined' })]);
    expect(facts.sessions.s1?.role).toBe('joined');
  });
  it('the drop-off is the last node reached when the visitor left without finishing', () => {
    const base = [chatbot('triggered', T0, 0), chatbot('node_reached', T0, 1), chatbot('button_chosen', T0 + 1, 1000, { choiceId: 'x' }), chatbot('node_reached', T0 + 1, 1001, { nodeId: 'sub' })];
    const left = foldConversation({ conversationId: 'c', createdAt: T0, visible: true }, [...base, conversation('inactive', T0 + 60_000)]);
    expect(sessionDropOff(left, left.sessions.s1!)).toBe('sub');
    const stillThere = foldConversation({ conversationId: 'c', createdAt: T0, visible: true }, base);
    expect(sessionDropOff(stillThere, stillThere.sessions.s1!)).toBeNull();
    const finished = foldConversation({ conversationId: 'c', createdAt: T0, visible: true }, [...base, chatbot('ended', T0 + 1, 1002, { reason: 'end_node' }), conversation('chatbox_closed', T0 + 5)]);
    expect(sessionDropOff(finished, finished.sessions.s1!)).toBeNull();
  });
});
