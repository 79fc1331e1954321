import { FLOW_TEXT_MAX_LENGTH } from '../limits.js';
import type { QuestionField } from '../schema/node-question.js';

/** Why an answer was refused; the widget may show its own hint for each. */
export type AnswerRejection = 'empty' | 'too_long' | 'invalid_name' | 'invalid_email' | 'invalid_phone' | 'invalid_number';

/** The normalised value to store, or why the answer does not fit the question. */
export type AnswerCheck = { ok: true; value: string | number } | { ok: false; reason: AnswerRejection };

const NAME_MAX_LENGTH = 100;
const NAME_MAX_WORDS = 5;
const EMAIL_MAX_LENGTH = 254;
const PHONE_MIN_DIGITS = 6;
const PHONE_MAX_DIGITS = 15;

/**
 * Checks a typed answer against its question's field and normalises it. The
 * engine stores only what passes; the widget runs the same rules to give
 * feedback before sending.
 */
export function validateAnswer(field: QuestionField, input: string): AnswerCheck {
  const text = input.replace(/\s+/g, ' ').trim();
  if (text === '') return { ok: false, reason: 'empty' };
  switch (field) {
    case 'name':
      return checkName(text);
    case 'email':
      return checkEmail(text);
    case 'phone':
      return checkPhone(text);
    case 'number':
      return checkNumber(text);
    case 'text': {
      const kept = input.replace(/\r\n?/g, '\n').trim();
      return kept.length > FLOW_TEXT_MAX_LENGTH ? { ok: false, reason: 'too_long' } : { ok: true, value: kept };
    }
  }
}

/** A person's name: letters, spaces, `.`, `'` and `-`, a few words at most. */
function checkName(text: string): AnswerCheck {
  if (text.length > NAME_MAX_LENGTH) return { ok: false, reason: 'too_long' };
  if (!/^[\p{L}\p{M}][\p{L}\p{M} .'’-]*$/u.test(text)) return { ok: false, reason: 'invalid_name' };
  if (text.split(' ').length > NAME_MAX_WORDS) return { ok: false, reason: 'invalid_name' };
  return { ok: true, value: text };
}

/** `local@domain.tld`; the domain is lower-cased. */
function checkEmail(text: string): AnswerCheck {
  if (text.length > EMAIL_MAX_LENGTH) return { ok: false, reason: 'too_long' };
  const at = text.lastIndexOf('@');
  if (at <= 0 || at > 64) return { ok: false, reason: 'invalid_email' };
  const local = text.slice(0, at);
  const domain = text.slice(at + 1).toLowerCase();
  const localOk = /^[^\s@"(),:;<>[\\\]]+$/u.test(local) && !local.startsWith('.') && !local.endsWith('.') && !local.includes('..');
  const labels = domain.split('.');
  const domainOk =
    labels.length >= 2 &&
    labels.every((label) => /^[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$/u.test(label)) &&
    /^\p{L}{2,}$/u.test(labels[labels.length - 1]!);
  if (!localOk || !domainOk) return { ok: false, reason: 'invalid_email' };
  return { ok: true, value: `${local}@${domain}` };
}

/** Digits with the usual separators; stored as `+420123456789` or `123456789`. */
function checkPhone(text: string): AnswerCheck {
  if (!/^\+?[\d\s().\/-]+$/.test(text)) return { ok: false, reason: 'invalid_phone' };
  let digits = text.replace(/\D/g, '');
  let international = text.startsWith('+');
  if (!international && digits.startsWith('00')) {
    digits = digits.slice(2);
    international = true;
  }
  if (digits.length < PHONE_MIN_DIGITS || digits.length > PHONE_MAX_DIGITS) return { ok: false, reason: 'invalid_phone' };
  return { ok: true, value: international ? `+${digits}` : digits };
}

/**
 * A decimal number. Spaces and apostrophes group thousands; a single comma
 * is a decimal separator (`1,5` is 1.5); with both `,` and `.`, the last one
 * is the decimal separator (`1.234,5` and `1,234.5` are 1234.5).
 */
function checkNumber(text: string): AnswerCheck {
  let s = text.replace(/(?<=\d)[\s'’](?=\d)/g, '');
  const comma = s.lastIndexOf(',');
  const dot = s.lastIndexOf('.');
  if (comma !== -1 && dot !== -1) {
    s = comma > dot ? s.replace(/\./g, '').replace(',', '.') : s.replace(/,/g, '');
  } else if (comma !== -1) {
    if (s.indexOf(',') !== comma) return { ok: false, reason: 'invalid_number' };
    s = s.replace(',', '.');
  }
  if (!/^[+-]?(\d+(\.\d+)?|\.\d+)$/.test(s)) return { ok: false, reason: 'invalid_number' };
  const value = Number(s);
  return Number.isFinite(value) ? { ok: true, value } : { ok: false, reason: 'invalid_number' };
}
