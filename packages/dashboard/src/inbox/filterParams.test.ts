import { expect, it } from 'vitest';
import { filterFromParams, filterToSearch } from './filterParams';

it('reads and writes the list filter in the query string', () => {
  expect(filterFromParams(new URLSearchParams(''))).toEqual({ status: 'open', assignee: 'all' });
  expect(filterFromParams(new URLSearchParams('status=closed&assignee=mine'))).toEqual({ status: 'closed', assignee: 'mine' });
  expect(filterFromParams(new URLSearchParams('status=bogus&assignee=x'))).toEqual({ status: 'open', assignee: 'all' });
  expect(filterToSearch({ status: 'open', assignee: 'all' })).toBe('');
  expect(filterToSearch({ status: 'closed', assignee: 'unassigned' })).toBe('?status=closed&assignee=unassigned');
});

it('keeps the tag filter in the query string', () => {
  expect(filterFromParams(new URLSearchParams('tag=%20vip%20'))).toEqual({ status: 'open', assignee: 'all', tag: 'vip' });
  expect(filterFromParams(new URLSearchParams('tag='))).toEqual({ status: 'open', assignee: 'all' });
  expect(filterFromParams(new URLSearchParams(`tag=${'x'.repeat(51)}`))).toEqual({ status: 'open', assignee: 'all' });
  expect(filterToSearch({ status: 'open', assignee: 'all', tag: 'needs reply' })).toBe('?tag=needs+reply');
});

it('keeps the chatbot filters in the query string', () => {
  expect(filterFromParams(new URLSearchParams('label=joined_by_chatbot&chatbot=b1'))).toEqual({
    status: 'open',
    assignee: 'all',
    joinedByChatbot: true,
    chatbotId: 'b1',
  });
  expect(filterFromParams(new URLSearchParams('label=other&chatbot='))).toEqual({ status: 'open', assignee: 'all' });
  expect(filterToSearch({ status: 'open', assignee: 'all', joinedByChatbot: true, chatbotId: 'b1' })).toBe('?label=joined_by_chatbot&chatbot=b1');
});
