import { useParams, useNavigate } from 'react-router';
import { filterToSearch } from './filterParams';
import { useInbox } from './InboxContext';
import type { ListFilter } from './state/conversations';
import { knownTags } from './state/tags';

/** "All tags" or one tag seen in the loaded conversations; kept in the URL (?tag=…). */
export function TagFilter({ filter }: { filter: ListFilter }) {
  const conversations = useInbox((s) => s.conversations);
  const navigate = useNavigate();
  const { conversationId } = useParams();
  const tags = knownTags(conversations, filter.tag ?? null);
  const path = conversationId ? `/inbox/${encodeURIComponent(conversationId)}` : '/inbox';

  return (
    <label className="tag-filter">
      <span className="visually-hidden">Tag</span>
      <select
        data-testid="filter-tag"
        value={filter.tag ?? ''}
        onChange={(e) => {
          const next: ListFilter = { ...filter };
          if (e.target.value) next.tag = e.target.value;
          else delete next.tag;
          void navigate({ pathname: path, search: filterToSearch(next) }, { replace: true });
        }}
      >
        <option value="">All tags</option>
        {tags.map((t) => (
          <option key={t} value={t}>
            {t}
          </option>
        ))}
      </select>
    </label>
  );
}
