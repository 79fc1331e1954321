import { Link, useParams } from 'react-router';
import type { AssigneeFilter, ListFilter, StatusFilter } from './state/conversations';
import { filterToSearch } from './filterParams';
import { ChatbotFilter } from './ChatbotFilter';
import { TagFilter } from './TagFilter';

const STATUS_TABS: { value: StatusFilter; label: string }[] = [
  { value: 'open', label: 'Open' },
  { value: 'closed', label: 'Closed' },
];

const ASSIGNEE_TABS: { value: AssigneeFilter; label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'mine', label: 'Mine' },
  { value: 'unassigned', label: 'Unassigned' },
];

/** Status (Open / Closed), assignee (All / Mine / Unassigned), chatbot and tag filters, kept in the URL. */
export function FilterTabs({ filter }: { filter: ListFilter }) {
  const { conversationId } = useParams();
  const path = conversationId ? `/inbox/${encodeURIComponent(conversationId)}` : '/inbox';
  const to = (next: ListFilter) => ({ pathname: path, search: filterToSearch(next) });

  return (
    <div className="filters">
      <div className="segmented" role="group" aria-label="Status">
        {STATUS_TABS.map((t) => (
          <Link
            key={t.value}
            to={to({ ...filter, status: t.value })}
            replace
            className={`segmented__item${filter.status === t.value ? ' is-active' : ''}`}
            aria-current={filter.status === t.value ? 'true' : undefined}
            data-testid={`filter-${t.value}`}
          >
            {t.label}
          </Link>
        ))}
      </div>
      <div className="tabs" role="group" aria-label="Assignee">
        {ASSIGNEE_TABS.map((t) => (
          <Link
            key={t.value}
            to={to({ ...filter, assignee: t.value })}
            replace
            className={`tabs__item${filter.assignee === t.value ? ' is-active' : ''}`}
            aria-current={filter.assignee === t.value ? 'true' : undefined}
            data-testid={`filter-${t.value}`}
          >
            {t.label}
          </Link>
        ))}
      </div>
      <ChatbotFilter filter={filter} />
      <TagFilter filter={filter} />
    </div>
  );
}
