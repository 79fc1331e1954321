import {
  createFlowState,
  resolveTexts,
  step,
  type FlowContext,
  type FlowDocument,
  type FlowEffect,
  type FlowEvent,
  type FlowState,
  type MessageButton,
} from '@parley/flow';

/**
 * The builder's preview: the draft run in the browser by the pure engine.
 * Nothing is sent to the server, so a preview never counts.
 */

export type PreviewLine =
  | { id: number; kind: 'bot'; nodeId: string; text: string; buttons?: MessageButton[]; retry?: boolean; link?: { url: string; label: string }; imageUrl?: string }
  | { id: number; kind: 'visitor'; text: string }
  | { id: number; kind: 'system'; text: string }
  | { id: number; kind: 'error'; text: string };

/** A line before it gets its id. */
export type PreviewLineInput = PreviewLine extends infer L ? (L extends PreviewLine ? Omit<L, 'id'> : never) : never;

export interface PreviewSettings {
  agentsOnline: boolean;
  officeHoursOpen: boolean;
  /** The visitor's language; null = the chatbot's default. */
  language: string | null;
}

export interface PreviewSession {
  state: FlowState;
  lines: PreviewLine[];
  nextId: number;
}

export function previewContext(state: FlowState, settings: PreviewSettings, now: number): FlowContext {
  return {
    agentsOnline: settings.agentsOnline,
    officeHoursOpen: settings.officeHoursOpen,
    language: settings.language,
    contact: {
      name: state.contact.name ?? null,
      email: state.contact.email ?? null,
      phone: state.contact.phone ?? null,
      properties: state.contact.properties,
    },
    now,
  };
}

/** A fresh session, started. */
export function startPreview(flow: FlowDocument, settings: PreviewSettings, now = Date.now()): PreviewSession {
  return sendPreviewEvent(flow, { state: createFlowState(), lines: [], nextId: 1 }, { type: 'start' }, settings, now);
}

/** Runs one event; what the visitor did is shown first, then what the engine answered. */
export function sendPreviewEvent(
  flow: FlowDocument,
  session: PreviewSession,
  event: FlowEvent,
  settings: PreviewSettings,
  now = Date.now(),
): PreviewSession {
  const lines = session.lines.slice();
  let nextId = session.nextId;
  const push = (line: PreviewLineInput) => lines.push({ ...line, id: nextId++ } as PreviewLine);

  if (event.type === 'answer_given' || event.type === 'free_text_typed') push({ kind: 'visitor', text: event.text });
  if (event.type === 'button_chosen') {
    const label = findButtonLabel(session.lines, event.choiceId);
    if (label !== undefined) push({ kind: 'visitor', text: label });
  }
  if (event.type === 'webhook_result') push({ kind: 'system', text: event.ok ? 'Webhook answered (simulated)' : 'Webhook failed (simulated)' });
  if (event.type === 'delay_elapsed') push({ kind: 'system', text: 'Wait skipped' });

  const resolved = resolveTexts(flow, settings.language);
  const result = step(resolved, session.state, event, previewContext(session.state, settings, now));
  if (!result.ok) {
    push({ kind: 'error', text: result.error.message });
    return { state: session.state, lines, nextId };
  }
  for (const effect of result.effects) {
    const line = effectLine(effect, settings);
    if (line) push(line);
  }
  return { state: result.state, lines, nextId };
}

/** The buttons the visitor may click now (those of the last bot message, while waiting for a button). */
export function activeButtons(session: PreviewSession): MessageButton[] {
  if (session.state.status !== 'waiting' || session.state.awaiting.kind !== 'button') return [];
  for (let i = session.lines.length - 1; i >= 0; i--) {
    const line = session.lines[i]!;
    if (line.kind === 'bot' && line.buttons) return line.buttons;
  }
  return [];
}

/** What the visitor's input box does now. */
export function inputMode(state: FlowState): 'answer' | 'free_text' | 'closed' {
  if (state.status === 'waiting' && state.awaiting.kind === 'answer') return 'answer';
  if (state.status === 'waiting' || state.status === 'running') return 'free_text';
  return 'closed';
}

function findButtonLabel(lines: PreviewLine[], choiceId: string): string | undefined {
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!;
    if (line.kind === 'bot' && line.buttons) return line.buttons.find((b) => b.id === choiceId)?.label;
  }
  return undefined;
}

const HANDOVER_REASON: Record<string, string> = {
  visitor_typed: 'the visitor typed',
  handover_node: 'handover step',
  asked_for_human: 'asked for a human',
  invalid_answers: 'too many invalid answers',
  flow_error: 'the flow broke',
};

const END_REASON: Record<string, string> = {
  end_node: 'end step',
  no_next_step: 'no next step connected',
  handover: 'handed over',
  timeout: 'timeout',
  agent_joined: 'an agent joined',
  conversation_closed: 'conversation closed',
  go_to_flow: 'went to another chatbot',
  flow_error: 'flow error',
};

/** One effect as a transcript line (records that say nothing to a person are skipped). */
export function effectLine(effect: FlowEffect, settings?: PreviewSettings): PreviewLineInput | null {
  switch (effect.type) {
    case 'send_message':
      return {
        kind: 'bot',
        nodeId: effect.nodeId,
        text: effect.text,
        ...(effect.buttons ? { buttons: effect.buttons } : {}),
        ...(effect.question?.retry ? { retry: true } : {}),
        ...(effect.link ? { link: effect.link } : {}),
        ...(effect.imageUrl ? { imageUrl: effect.imageUrl } : {}),
      };
    case 'store_contact':
      return { kind: 'system', text: `→ contact ${effect.field} saved: ${effect.value}` };
    case 'set_contact_property':
      return { kind: 'system', text: `→ contact property ${effect.key} = ${effect.value}` };
    case 'set_variable':
      return { kind: 'system', text: `→ variable ${effect.name} = ${String(effect.value)}` };
    case 'add_tag':
      return { kind: 'system', text: `→ tag added: ${effect.tag}` };
    case 'remove_tag':
      return { kind: 'system', text: `→ tag removed: ${effect.tag}` };
    case 'handover':
      {
      const online = settings === undefined ? '' : settings.agentsOnline ? 'agents online, ' : 'no agent online, ';
      return { kind: 'system', text: `→ handover to a human (${online}${HANDOVER_REASON[effect.reason] ?? effect.reason})` };
    }
    case 'close_conversation':
      return { kind: 'system', text: '→ conversation closed' };
    case 'open_url':
      return { kind: 'system', text: `→ opens ${effect.url}${effect.newTab ? ' in a new tab' : ''}` };
    case 'schedule_delay':
      return { kind: 'system', text: `→ waits ${effect.seconds} s` };
    case 'call_webhook':
      return { kind: 'system', text: `→ calls webhook ${effect.method} ${effect.url}` };
    case 'go_to_flow':
      return { kind: 'system', text: `→ goes to chatbot ${effect.flowId}` };
    case 'flow_error':
      return { kind: 'error', text: effect.message };
    case 'chatbot_event':
      return effect.event === 'ended' ? { kind: 'system', text: `→ chatbot ended (${END_REASON[effect.reason] ?? effect.reason})` } : null;
  }
}
