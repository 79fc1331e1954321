import type { FlowDocument } from '@parley/flow';
import type { LedgerEntry } from '@parley/core';

/**
 * What a ledger row says about the interaction that counted the
 * conversation, in the words of the chatbot version that ran: the button's
 * label and the step ("Main menu", or what it says), or the question asked.
 * Without that version (deleted chatbot, not loaded yet) the ids stand in.
 */
export interface InteractionView {
  /** "Button chosen" / "Answer given". */
  kind: string;
  /** "“Pricing”" for a button, "email" for a question; null when unknown. */
  detail: string | null;
  /** The step: its name, else its kind and text ("Buttons · How can we help?"), else its id. */
  step: string;
}

const KIND: Record<LedgerEntry['interaction'], string> = {
  button_chosen: 'Button chosen',
  answer_given: 'Answer given',
};

const STEP_TEXT_MAX = 48;

function clip(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > STEP_TEXT_MAX ? `${t.slice(0, STEP_TEXT_MAX - 1)}…` : t;
}

/** The key of the version a ledger row ran (`chatbotId/versionId`). */
export function versionKey(entry: Pick<LedgerEntry, 'chatbotId' | 'versionId'>): string {
  return `${entry.chatbotId}/${entry.versionId}`;
}

export function describeInteraction(
  entry: Pick<LedgerEntry, 'interaction' | 'nodeId' | 'choiceId'>,
  flow: Pick<FlowDocument, 'nodes'> | null,
): InteractionView {
  const kind = KIND[entry.interaction] ?? entry.interaction;
  const node = flow?.nodes[entry.nodeId];
  if (!node) return { kind, detail: entry.choiceId, step: entry.nodeId };
  const named = node.name?.trim();
  if (node.kind === 'buttons') {
    const choice = entry.choiceId
      ? (node.choices.find((c) => c.id === entry.choiceId) ?? (node.humanChoice?.id === entry.choiceId ? node.humanChoice : null))
      : null;
    const detail = choice ? `“${clip(choice.label)}”` : entry.choiceId;
    return { kind, detail, step: named || (node.text.trim() ? `Buttons · ${clip(node.text)}` : 'Buttons') };
  }
  if (node.kind === 'question') {
    return { kind, detail: node.field, step: named || (node.prompt.trim() ? `Question · ${clip(node.prompt)}` : 'Question') };
  }
  return { kind, detail: entry.choiceId, step: named || entry.nodeId };
}

/** The versions to load for the rows shown, each once, at most `max`. */
export function versionsToLoad(entries: readonly Pick<LedgerEntry, 'chatbotId' | 'versionId'>[], known: ReadonlySet<string>, max: number): { key: string; chatbotId: string; versionId: string }[] {
  const out: { key: string; chatbotId: string; versionId: string }[] = [];
  const seen = new Set<string>();
  for (const entry of entries) {
    const key = versionKey(entry);
    if (known.has(key) || seen.has(key)) continue;
    seen.add(key);
    out.push({ key, chatbotId: entry.chatbotId, versionId: entry.versionId });
    if (out.length >= max) break;
  }
  return out;
}
