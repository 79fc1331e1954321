import { describe, expect, it } from 'vitest';
import type { Session } from './api';
import { memoryStore } from './storage';
import { teaser, teaserText } from './teaser';

const welcome = { chatbotId: 'bot-1', text: '  Hi! Looking for the right beans?  ' };
const conversation = (status: 'open' | 'closed'): Session['conversation'] => ({ id: 'c1', status, lastSeq: 3, chatbot: null });

describe('teaserText — the welcome teaser above the launcher', () => {
  it('shows the welcome when the box is closed, nothing is going on and it was not dismissed', () => {
    expect(teaserText({ welcome, conversation: null }, false)).toBe('Hi! Looking for the right beans?');
  });

  it('stays hidden while the box is open or while messages wait in the outbox', () => {
    const t = teaser(memoryStore(), 'parley:k:teaser');
    expect(t.text({ welcome, conversation: null }, true, false)).toBeNull();
    expect(t.text({ welcome, conversation: null }, false, true)).toBeNull();
    expect(t.text({ welcome, conversation: null }, false, false)).toBe('Hi! Looking for the right beans?');
  });

  it('once dismissed (× or the box opened) it stays hidden for the rest of the visit, and comes back on the next one', () => {
    const visit = memoryStore();
    const page1 = teaser(visit, 'parley:k:teaser');
    page1.dismiss();
    expect(page1.text({ welcome, conversation: null }, false, false)).toBeNull();
    // Another page of the same visit (same sessionStorage).
    expect(teaser(visit, 'parley:k:teaser').text({ welcome, conversation: null }, false, false)).toBeNull();
    // Another website key is not affected; a new visit (fresh sessionStorage) shows it again.
    expect(teaser(visit, 'parley:other:teaser').text({ welcome, conversation: null }, false, false)).not.toBeNull();
    expect(teaser(memoryStore(), 'parley:k:teaser').text({ welcome, conversation: null }, false, false)).not.toBeNull();
  });

  it('needs a welcome with some text', () => {
    expect(teaserText({ welcome: null, conversation: null }, false)).toBeNull();
    expect(teaserText({ welcome: { chatbotId: 'b', text: ' \n ' }, conversation: null }, false)).toBeNull();
    // An older server without the field.
    expect(teaserText({ conversation: null } as unknown as Session, false)).toBeNull();
  });

  it('is not shown while the visitor has an open conversation, but is after a closed one', () => {
    expect(teaserText({ welcome, conversation: conversation('open') }, false)).toBeNull();
    expect(teaserText({ welcome, conversation: conversation('closed') }, false)).toBe('Hi! Looking for the right beans?');
  });

  it("a started chatbot's welcome (a trigger fired) replaces the session's and shows even after an earlier ×", () => {
    const visit = memoryStore();
    const t = teaser(visit, 'parley:k:teaser');
    t.dismiss();
    // The trigger's chatbot opened a conversation: the session now has it open.
    const s = { welcome, conversation: conversation('open') };
    t.start('Still deciding? I can compare the plans for you.');
    expect(t.text(s, false, false)).toBe('Still deciding? I can compare the plans for you.');
    // Hidden while the box is open; × or opening hides it for the rest of the visit, as before.
    expect(t.text(s, true, false)).toBeNull();
    t.dismiss();
    expect(t.text(s, false, false)).toBeNull();
    expect(teaser(visit, 'parley:k:teaser').text({ welcome, conversation: null }, false, false)).toBeNull();
  });
});
