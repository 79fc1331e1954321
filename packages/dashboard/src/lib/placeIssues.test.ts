import { expect, it } from 'vitest';
import { placeIssues } from './placeIssues';

it('puts the server issues next to the inputs they name', () => {
  const placed = placeIssues(
    [
      { path: 'querystring.to', message: '"to" is before "from"' },
      { path: 'querystring.from', message: 'Not a calendar date' },
      { path: 'body.unansweredChatbot.afterSeconds', message: 'Too small' },
      { path: 'body.unansweredChatbot', message: 'Unknown chatbot' },
      { path: 'querystring.bogus', message: 'Unknown' },
      { path: '', message: 'Something' },
    ],
    ['from', 'to', 'unansweredChatbot.afterSeconds', 'unansweredChatbot'] as const,
  );
  expect(placed.byField).toEqual({
    to: ['"to" is before "from"'],
    from: ['Not a calendar date'],
    'unansweredChatbot.afterSeconds': ['Too small'],
    unansweredChatbot: ['Unknown chatbot'],
  });
  expect(placed.general).toEqual(['querystring.bogus: Unknown', 'Something']);
});
