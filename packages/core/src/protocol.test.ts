import { describe, expect, it } from 'vitest';
import { parseClientFrame } from './index.js';

describe('parseClientFrame', () => {
  it('parses every client frame type', () => {
    expect(parseClientFrame('{"type":"ping"}')).toEqual({ ok: true, frame: { type: 'ping' } });
    expect(parseClientFrame('{"type":"sync"}')).toEqual({ ok: true, frame: { type: 'sync', afterSeq: 0 } });
    expect(parseClientFrame('{"type":"typing","conversationId":"c","typing":true}').ok).toBe(true);
    expect(parseClientFrame('{"type":"read","conversationId":"c","seq":3}').ok).toBe(true);
    expect(parseClientFrame('{"type":"message.send","clientId":"a-1","text":" hi "}')).toEqual({
      ok: true,
      frame: { type: 'message.send', clientId: 'a-1', text: 'hi' },
    });
  });
  it('answers bad JSON with bad_frame', () => {
    expect(parseClientFrame('{oops')).toEqual({ ok: false, error: { type: 'error', code: 'bad_frame', message: 'Frame is not valid JSON' } });
  });
  it('answers an unknown type with bad_frame', () => {
    expect(parseClientFrame('{"type":"nope"}')).toMatchObject({ ok: false, error: { code: 'bad_frame' } });
    expect(parseClientFrame('[]')).toMatchObject({ ok: false, error: { code: 'bad_frame' } });
  });
  it('names the invalid field and echoes the clientId', () => {
    expect(parseClientFrame(JSON.stringify({ type: 'message.send', clientId: 'c-9', text: '' }))).toEqual({
      ok: false,
      error: { type: 'error', code: 'invalid', message: 'Message is empty', path: 'text', ref: 'c-9' },
    });
    expect(parseClientFrame(JSON.stringify({ type: 'message.send', clientId: 'bad id!', text: 'x' }))).toMatchObject({
      ok: false,
      error: { path: 'clientId' },
    });
    expect(parseClientFrame(JSON.stringify({ type: 'sync', afterSeq: -1 }))).toMatchObject({ ok: false, error: { path: 'afterSeq' } });
  });
});
