import { DEFAULT_FILTER, type AssigneeFilter, type ListFilter, type StatusFilter } from './state/conversations';

const STATUSES: readonly StatusFilter[] = ['open', 'closed'];
const ASSIGNEES: readonly AssigneeFilter[] = ['all', 'mine', 'unassigned'];

/** The list filter lives in the URL (?status=closed&assignee=mine) so reloads and links keep it. */
export function filterFromParams(params: URLSearchParams): ListFilter {
  const status = params.get('status');
  const assignee = params.get('assignee');
  return {
    status: STATUSES.includes(status as StatusFilter) ? (status as StatusFilter) : DEFAULT_FILTER.status,
    assignee: ASSIGNEES.includes(assignee as AssigneeFilter) ? (assignee as AssigneeFilter) : DEFAULT_FILTER.assignee,
  };
}

export function filterToSearch(filter: ListFilter): string {
  const params = new URLSearchParams();
  if (filter.status !== DEFAULT_FILTER.status) params.set('status', filter.status);
  if (filter.assignee !== DEFAULT_FILTER.assignee) params.set('assignee', filter.assignee);
  const s = params.toString();
  return s ? `?${s}` : '';
}
