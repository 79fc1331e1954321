/**
 * Turns the engine's effects into what the server must write and do, as plain
 * data: no I/O, so every rule here is unit-tested (plan-step.test.ts). The
 * runtime (chatbot-runtime.ts) writes the plan in one transaction with the
 * session's new state, then publishes and calls webhooks after the commit.
 */
import type { AnswerField, HandoverReason, MessageMeta, VisitorChatbotState } from '@parley/core';
import type { FlowEffect, FlowState } from '@parley/flow';

export interface PlannedMessage {
  text: string;
  meta: MessageMeta;
}

export interface PlannedEvent {
  event: string;
  nodeId: string;
  choiceId: string | null;
  reason: string | null;
}

export interface PlannedWebhook {
  nodeId: string;
  url: string;
  method: string;
  body: string | null;
}

export interface PlannedError {
  nodeId: string | null;
  code: string;
  message: string;
}

export interface StepPlan {
  messages: PlannedMessage[];
  events: PlannedEvent[];
  contact: { name?: string; email?: string; phone?: string; properties: Record<string, string> };
  addTags: string[];
  removeTags: string[];
  handover: { reason: HandoverReason; agentId: string | null; groupId: string | null } | null;
  close: boolean;
  /** Seconds until the delay is over, when the flow waits for one. */
  delaySeconds: number | null;
  webhooks: PlannedWebhook[];
  goToFlow: string | null;
  errors: PlannedError[];
  /** The visitor interacted with the chatbot in this step (chose a button or answered). */
  interacted: boolean;
  /** Whether the visitor's typed text was a valid answer (null: it was not an answer). */
  answerValid: boolean | null;
}

export function emptyPlan(): StepPlan {
  return {
    messages: [],
    events: [],
    contact: { properties: {} },
    addTags: [],
    removeTags: [],
    handover: null,
    close: false,
    delaySeconds: null,
    webhooks: [],
    goToFlow: null,
    errors: [],
    interacted: false,
    answerValid: null,
  };
}

/** Effects → plan. `chatbotId` marks the chatbot's messages. */
export function planEffects(effects: readonly FlowEffect[], chatbotId: string): StepPlan {
  const plan = emptyPlan();
  for (const effect of effects) {
    switch (effect.type) {
      case 'send_message': {
        const meta: MessageMeta = { chatbot: { id: chatbotId, nodeId: effect.nodeId } };
        if (effect.buttons?.length) meta.buttons = effect.buttons.map((b) => ({ id: b.id, label: b.label, ...(b.human ? { human: true } : {}) }));
        if (effect.question) meta.question = { field: effect.question.field, retry: effect.question.retry };
        if (effect.imageUrl) meta.imageUrl = effect.imageUrl;
        if (effect.link) meta.link = effect.link;
        plan.messages.push({ text: effect.text, meta });
        if (effect.question?.retry) plan.answerValid = false;
        break;
      }
      case 'open_url':
        plan.messages.push({ text: effect.url, meta: { chatbot: { id: chatbotId, nodeId: effect.nodeId }, link: { url: effect.url, label: effect.url } } });
        break;
      case 'store_contact':
        plan.contact[effect.field] = effect.value;
        break;
      case 'set_contact_property':
        plan.contact.properties[effect.key] = effect.value;
        break;
      case 'set_variable':
        // Variables live in the session state.
        break;
      case 'add_tag':
        plan.addTags.push(effect.tag);
        plan.removeTags = plan.removeTags.filter((t) => t !== effect.tag);
        break;
      case 'remove_tag':
        plan.removeTags.push(effect.tag);
        plan.addTags = plan.addTags.filter((t) => t !== effect.tag);
        break;
      case 'handover':
        plan.handover = { reason: effect.reason, agentId: effect.agentId ?? null, groupId: effect.groupId ?? null };
        break;
      case 'close_conversation':
        plan.close = true;
        break;
      case 'schedule_delay':
        plan.delaySeconds = effect.seconds;
        break;
      case 'call_webhook':
        plan.webhooks.push({ nodeId: effect.nodeId, url: effect.url, method: effect.method, body: effect.body });
        break;
      case 'go_to_flow':
        plan.goToFlow = effect.flowId;
        break;
      case 'flow_error':
        plan.errors.push({ nodeId: effect.nodeId, code: effect.code, message: effect.message });
        break;
      case 'chatbot_event': {
        plan.events.push({
          event: effect.event,
          nodeId: effect.nodeId,
          choiceId: effect.event === 'button_chosen' ? effect.choiceId : null,
          reason: effect.event === 'handover' || effect.event === 'ended' ? effect.reason : null,
        });
        if (effect.event === 'button_chosen' || effect.event === 'answer_given') plan.interacted = true;
        if (effect.event === 'answer_given') plan.answerValid = true;
        break;
      }
    }
  }
  return plan;
}

/** The session status the conversation and the widget see. */
export function sessionStatus(state: FlowState): VisitorChatbotState['status'] {
  return state.status === 'ready' ? 'running' : state.status;
}

/**
 * What the widget needs to draw the chatbot's prompt after a step. The
 * question's field comes from this step's messages, else from before.
 */
export function visitorChatbotState(state: FlowState, plan: StepPlan | null, previous: VisitorChatbotState | null): VisitorChatbotState {
  const awaiting = state.awaiting.kind === 'button' || state.awaiting.kind === 'answer' ? state.awaiting.kind : 'nothing';
  let field: AnswerField | null = null;
  if (awaiting === 'answer') {
    const asked = plan?.messages.findLast((m) => m.meta.question)?.meta.question?.field;
    field = asked ?? (previous?.nodeId === state.nodeId ? previous.field : null) ?? 'text';
  }
  return { status: sessionStatus(state), nodeId: state.nodeId, awaiting, field };
}

/**
 * After a handover nobody can take up at once, the chatbot asks for the
 * visitor's email so the team can answer later (PRODUCT.md §4, Handover).
 */
export interface EmailFollowUpInput {
  /** This step handed the conversation over. */
  handedOver: boolean;
  /** The session stopped (nothing more for the chatbot to ask). */
  stopped: boolean;
  agentsOnline: boolean;
  /** The contact already has an email (given now or before). */
  hasEmail: boolean;
}

export type EmailFollowUp =
  /** Ask for the email now. */
  | { kind: 'ask_email' }
  /** Someone is online: if nobody replies in time, offer the same. */
  | { kind: 'schedule_offer' }
  | { kind: 'none' };

export function emailFollowUp(input: EmailFollowUpInput): EmailFollowUp {
  if (!input.handedOver || !input.stopped || input.hasEmail) return { kind: 'none' };
  return input.agentsOnline ? { kind: 'schedule_offer' } : { kind: 'ask_email' };
}

/** How many invalid emails the chatbot answers with a retry before it stops asking. */
export const EMAIL_CAPTURE_RETRIES = 2;

export type EmailCaptureOutcome =
  | { kind: 'stored'; email: string }
  | { kind: 'retry'; retries: number }
  | { kind: 'give_up' };

/** The visitor typed while the chatbot waits for their email. `valid` is the email rule's verdict. */
export function emailCaptureAnswer(check: { ok: true; value: string } | { ok: false }, retriesUsed: number): EmailCaptureOutcome {
  if (check.ok) return { kind: 'stored', email: check.value };
  if (retriesUsed >= EMAIL_CAPTURE_RETRIES) return { kind: 'give_up' };
  return { kind: 'retry', retries: retriesUsed + 1 };
}
