import { describe, expect, it } from 'vitest';
import { CHATBOT_SHOWN, CONVERSATIONS, countOf, percentText, shareText } from './rates';

describe('rates with their denominator', () => {
  it('rounds to whole percentages without claiming 0% or 100% falsely', () => {
    expect(percentText(25, 40)).toBe('63%');
    expect(percentText(0, 40)).toBe('0%');
    expect(percentText(40, 40)).toBe('100%');
    expect(percentText(1, 1000)).toBe('<1%');
    expect(percentText(999, 1000)).toBe('>99%');
    expect(percentText(0, 0)).toBeNull();
  });

  it('names the denominator', () => {
    expect(shareText(25, 40, CHATBOT_SHOWN, 'en')).toBe('63% of 40 conversations where a chatbot was shown');
    expect(shareText(1, 1, CHATBOT_SHOWN, 'en')).toBe('100% of 1 conversation where a chatbot was shown');
    expect(shareText(3, 1200, CONVERSATIONS, 'en')).toBe('<1% of 1,200 conversations');
    expect(shareText(0, 0, CHATBOT_SHOWN, 'en')).toBe('No conversations where a chatbot was shown');
    expect(countOf(1, CONVERSATIONS)).toBe('1 conversation');
  });
});
