import { describe, expect, it } from 'vitest';
import { activeButtons, inputMode, sendPreviewEvent, startPreview, type PreviewSettings } from './preview';
import { sampleFlow } from './testFlow';
import { setVariantText } from './variants';
import { changeAction, replaceNode } from './document';

const settings: PreviewSettings = { agentsOnline: true, officeHoursOpen: true, language: null };
const texts = (s: ReturnType<typeof startPreview>) => s.lines.map((l) => `${l.kind}: ${l.text}`);

describe('preview', () => {
  it('runs the draft: messages, buttons, question with retry, tag, end', () => {
    const flow = sampleFlow();
    let s = startPreview(flow, settings, 0);
    expect(texts(s)).toEqual(['bot: Hi!', 'bot: How can we help?']);
    expect(activeButtons(s).map((b) => b.label)).toEqual(['Pricing', 'Contact me']);
    expect(inputMode(s.state)).toBe('free_text');
    s = sendPreviewEvent(flow, s, { type: 'button_chosen', choiceId: 'contact' }, settings, 1);
    expect(inputMode(s.state)).toBe('answer');
    expect(activeButtons(s)).toEqual([]);
    s = sendPreviewEvent(flow, s, { type: 'answer_given', text: 'nope' }, settings, 2);
    expect(s.lines.at(-1)).toMatchObject({ kind: 'bot', text: 'That is not an email.', retry: true });
    s = sendPreviewEvent(flow, s, { type: 'answer_given', text: 'Ann@Example.com' }, settings, 3);
    expect(texts(s).slice(2)).toEqual([
      'visitor: Contact me',
      'bot: Your email?',
      'visitor: nope',
      'bot: That is not an email.',
      'visitor: Ann@Example.com',
      'system: → contact email saved: Ann@example.com',
      'system: → tag added: lead',
      'system: → chatbot ended (end step)',
    ]);
    expect(inputMode(s.state)).toBe('closed');
  });

  it('reports refused events without changing the state', () => {
    const flow = sampleFlow();
    const s = startPreview(flow, settings, 0);
    const next = sendPreviewEvent(flow, s, { type: 'button_chosen', choiceId: 'ghost' }, settings, 1);
    expect(next.state).toBe(s.state);
    expect(next.lines.at(-1)?.kind).toBe('error');
  });

  it('follows the agents-online toggle at a handover', () => {
    let flow = sampleFlow();
    flow = replaceNode(flow, 'tag', { ...changeAction(flow.nodes.tag!, 'handover'), agentsOnline: 'bye', noAgentOnline: null } as never);
    flow = replaceNode(flow, 'welcome', { ...flow.nodes.welcome!, next: 'tag' } as never);
    const offline = startPreview(flow, { ...settings, agentsOnline: false }, 0);
    expect(texts(offline)).toContain('system: → handover to a human (no agent online, handover step)');
    const online = startPreview(flow, settings, 0);
    expect(texts(online)).toContain('system: → handover to a human (agents online, handover step)');
  });

  it('speaks the chosen language', () => {
    const flow = setVariantText(sampleFlow(), 'cs', { nodeId: 'welcome', slot: 'text' }, 'Ahoj!');
    expect(texts(startPreview(flow, { ...settings, language: 'cs' }, 0))[0]).toBe('bot: Ahoj!');
  });
});
