import { DEFAULT_FILTER, type AssigneeFilter, type ListFilter, type StatusFilter } from './state/conversations';
import { normalizeTag, TAG_MAX } from './state/tags';

const STATUSES: readonly StatusFilter[] = ['open', 'closed'];
const ASSIGNEES: readonly AssigneeFilter[] = ['all', 'mine', 'unassigned'];

const CHATBOT_ID = /^[\w-]{1,64}$/;

/**
 * The list filter lives in the URL (?status=closed&assignee=mine&tag=vip&label=joined_by_chatbot&chatbot=<id>)
 * so reloads and links keep it.
 */
export function filterFromParams(params: URLSearchParams): ListFilter {
  const status = params.get('status');
  const assignee = params.get('assignee');
  const tag = normalizeTag(params.get('tag') ?? '');
  const filter: ListFilter = {
    status: STATUSES.includes(status as StatusFilter) ? (status as StatusFilter) : DEFAULT_FILTER.status,
    assignee: ASSIGNEES.includes(assignee as AssigneeFilter) ? (assignee as AssigneeFilter) : DEFAULT_FILTER.assignee,
  };
  if (tag && tag.length <= TAG_MAX) filter.tag = tag;
  if (params.get('label') === 'joined_by_chatbot') filter.joinedByChatbot = true;
  const chatbot = params.get('chatbot');
  if (chatbot && CHATBOT_ID.test(chatbot)) filter.chatbotId = chatbot;
  return filter;
}

export function filterToSearch(filter: ListFilter): string {
  const params = new URLSearchParams();
  if (filter.status !== DEFAULT_FILTER.status) params.set('status', filter.status);
  if (filter.assignee !== DEFAULT_FILTER.assignee) params.set('assignee', filter.assignee);
  if (filter.tag) params.set('tag', filter.tag);
  if (filter.joinedByChatbot) params.set('label', 'joined_by_chatbot');
  if (filter.chatbotId) params.set('chatbot', filter.chatbotId);
  const s = params.toString();
  return s ? `?${s}` : '';
}
