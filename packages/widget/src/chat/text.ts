/**
 * Client-side check of a message text, mirroring the server's rule in
 * @parley/core (MessageTextSchema): CRLF → LF, trimmed, 1–4000 characters.
 * Duplicated here on purpose: the widget imports only types from core.
 */
export const MESSAGE_MAX = 4000;

export type TextCheck = { ok: true; text: string } | { ok: false; reason: 'empty' | 'tooLong'; length: number };

export function normalizeText(input: string): string {
  return input.replace(/\r\n?/g, '\n').trim();
}

export function checkText(input: string): TextCheck {
  const text = normalizeText(input);
  if (!text) return { ok: false, reason: 'empty', length: 0 };
  if (text.length > MESSAGE_MAX) return { ok: false, reason: 'tooLong', length: text.length };
  return { ok: true, text };
}
