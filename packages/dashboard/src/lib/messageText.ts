/**
 * Mirrors the server's rule (MessageTextSchema in @parley/core): CRLF → LF, trimmed,
 * 1–MESSAGE_MAX_LENGTH characters. Kept here as plain code so the bundle does not need zod;
 * limits.test.ts checks the number against core.
 */
export const MESSAGE_MAX_LENGTH = 4000;

export function normalizeMessageText(text: string): string {
  return text.replace(/\r\n?/g, '\n').trim();
}

export type ComposerCheck =
  | { ok: true; text: string }
  | { ok: false; reason: 'empty' | 'too_long'; length: number };

export function checkComposerText(raw: string): ComposerCheck {
  const text = normalizeMessageText(raw);
  if (text.length === 0) return { ok: false, reason: 'empty', length: 0 };
  if (text.length > MESSAGE_MAX_LENGTH) return { ok: false, reason: 'too_long', length: text.length };
  return { ok: true, text };
}
