import type { ContactField, QuestionField } from '../schema/node-question.js';
import type { WebhookMethod } from '../schema/node-action.js';
import type { FactValue } from '../conditions/condition-facts.js';

/** Why the chatbot handed the conversation over to a human. */
export type HandoverReason =
  /** the visitor typed instead of choosing a button */
  | 'visitor_typed'
  /** the flow reached a handover action */
  | 'handover_node'
  /** the visitor chose "talk to a human" */
  | 'asked_for_human'
  /** the visitor used up the retries of a question (with `whenRetriesExhausted: 'handover'`) */
  | 'invalid_answers'
  /** the flow is broken (a missing node, the step limit) */
  | 'flow_error';

/** Why the chatbot stopped. */
export type EndReason =
  | 'end_node'
  | 'no_next_step'
  | 'handover'
  | 'timeout'
  | 'agent_joined'
  | 'conversation_closed'
  | 'go_to_flow'
  | 'flow_error';

/**
 * A record for statistics and insights; the server stores it with the
 * conversation, chatbot, version and language.
 */
export type ChatbotEventRecord =
  | { type: 'chatbot_event'; event: 'triggered' | 'node_reached' | 'answer_given' | 'typed_instead'; nodeId: string }
  | { type: 'chatbot_event'; event: 'button_chosen'; nodeId: string; choiceId: string }
  | { type: 'chatbot_event'; event: 'handover'; nodeId: string; reason: HandoverReason }
  | { type: 'chatbot_event'; event: 'ended'; nodeId: string; reason: EndReason };

export type ChatbotEventType = ChatbotEventRecord['event'];

export interface MessageButton {
  id: string;
  label: string;
  /** The "talk to a human" button. */
  human?: true;
}

/** What the engine asks the outside world to do, in order. Plain data. */
export type FlowEffect =
  | {
      type: 'send_message';
      nodeId: string;
      text: string;
      imageUrl?: string;
      link?: { url: string; label: string };
      buttons?: MessageButton[];
      /** The visitor is asked to type this kind of answer; `retry` after an invalid one. */
      question?: { field: QuestionField; retry: boolean };
    }
  | { type: 'store_contact'; nodeId: string; field: ContactField; value: string }
  | { type: 'set_contact_property'; nodeId: string; key: string; value: string }
  | { type: 'set_variable'; nodeId: string; name: string; value: FactValue }
  | { type: 'add_tag'; nodeId: string; tag: string }
  | { type: 'remove_tag'; nodeId: string; tag: string }
  | { type: 'handover'; nodeId: string; reason: HandoverReason; groupId?: string; agentId?: string }
  | { type: 'close_conversation'; nodeId: string }
  | { type: 'open_url'; nodeId: string; url: string; newTab: boolean }
  | { type: 'schedule_delay'; nodeId: string; seconds: number }
  | { type: 'call_webhook'; nodeId: string; url: string; method: WebhookMethod; body: string | null }
  | { type: 'go_to_flow'; nodeId: string; flowId: string }
  /** The flow is broken at run time (only possible for a flow that was not validated); shown to the owner. */
  | { type: 'flow_error'; nodeId: string | null; code: 'missing_node' | 'step_limit'; message: string }
  | ChatbotEventRecord;

export type FlowEffectType = FlowEffect['type'];
