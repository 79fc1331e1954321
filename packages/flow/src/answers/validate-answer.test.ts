import { describe, expect, it } from 'vitest';
import { FLOW_TEXT_MAX_LENGTH } from '../limits.js';
import { validateAnswer } from './validate-answer.js';

describe('validateAnswer', () => {
  it('refuses an empty answer to any question', () => {
    for (const field of ['name', 'email', 'phone', 'number', 'text'] as const) {
      expect(validateAnswer(field, '  \n ')).toEqual({ ok: false, reason: 'empty' });
    }
  });

  describe('name', () => {
    it.each([
      ['Jana', 'Jana'],
      ['  Jana   Nováková ', 'Jana Nováková'],
      ["Seán O'Brien", "Seán O'Brien"],
      ['Jean-Luc Picard', 'Jean-Luc Picard'],
      ['Zoë', 'Zoë'],
      ['李小龍', '李小龍'],
    ])('accepts %j', (input, value) => {
      expect(validateAnswer('name', input)).toEqual({ ok: true, value });
    });
    it.each(['jana@acme.cz', '12345', 'R2D2', '-Jana', 'I would like to talk to someone please now'])('refuses %j', (input) => {
      expect(validateAnswer('name', input)).toEqual({ ok: false, reason: 'invalid_name' });
    });
    it('refuses names longer than 100 characters', () => {
      expect(validateAnswer('name', 'a'.repeat(101))).toEqual({ ok: false, reason: 'too_long' });
    });
  });

  describe('email', () => {
    it.each([
      ['jana@acme.cz', 'jana@acme.cz'],
      [' Jana.Novak+chat@Mail.Example.COM ', 'Jana.Novak+chat@mail.example.com'],
      ['a@b.io', 'a@b.io'],
      ['jana@příklad.cz', 'jana@příklad.cz'],
    ])('accepts %j', (input, value) => {
      expect(validateAnswer('email', input)).toEqual({ ok: true, value });
    });
    it.each(['jana', 'jana@', '@acme.cz', 'jana@acme', 'jana@acme.c', 'ja na@acme.cz', 'jana@@acme.cz', 'jana@-acme.cz', 'jana..x@acme.cz', '.jana@acme.cz', 'jana@acme..cz', 'jana@acme.123'])(
      'refuses %j',
      (input) => {
        expect(validateAnswer('email', input)).toEqual({ ok: false, reason: 'invalid_email' });
      },
    );
    it('refuses addresses longer than 254 characters', () => {
      expect(validateAnswer('email', `${'a'.repeat(60)}@${'b'.repeat(200)}.cz`)).toEqual({ ok: false, reason: 'too_long' });
    });
  });

  describe('phone', () => {
    it.each([
      ['+420 123 456 789', '+420123456789'],
      ['00420 123-456-789', '+420123456789'],
      ['(555) 123-4567', '5551234567'],
      ['123.456.789', '123456789'],
    ])('accepts %j as %j', (input, value) => {
      expect(validateAnswer('phone', input)).toEqual({ ok: true, value });
    });
    it.each(['call me', '12345', '+1234567890123456', '123+456789', '+420 123 abc'])('refuses %j', (input) => {
      expect(validateAnswer('phone', input)).toEqual({ ok: false, reason: 'invalid_phone' });
    });
  });

  describe('number', () => {
    it.each([
      ['42', 42],
      ['-3.5', -3.5],
      ['1,5', 1.5],
      ['1 000', 1000],
      ["1'000.25", 1000.25],
      ['1.234,5', 1234.5],
      ['1,234.5', 1234.5],
      ['+7', 7],
      ['.5', 0.5],
    ])('accepts %j as %d', (input, value) => {
      expect(validateAnswer('number', input)).toEqual({ ok: true, value });
    });
    it.each(['twelve', '1e5', '1,2,3', '12abc', 'Infinity', '0x10', '--1'])('refuses %j', (input) => {
      expect(validateAnswer('number', input)).toEqual({ ok: false, reason: 'invalid_number' });
    });
  });

  describe('text', () => {
    it('keeps the text (line breaks included), trimmed', () => {
      expect(validateAnswer('text', '  first line\r\nsecond  ')).toEqual({ ok: true, value: 'first line\nsecond' });
    });
    it(`refuses texts longer than ${FLOW_TEXT_MAX_LENGTH} characters`, () => {
      expect(validateAnswer('text', 'x'.repeat(FLOW_TEXT_MAX_LENGTH + 1))).toEqual({ ok: false, reason: 'too_long' });
    });
  });
});
