import type { LintWarning } from '@parley/targeting';
import { AlertIcon } from '../components/icons';
import type { ShownError } from './state/issues';
import { pathKey } from './state/tree';

/**
 * A condition's (or group's) errors and the linter's warnings, under it;
 * `data-path` is the path of the item they are shown on.
 */
export function Notes({ path, errors = [], warnings = [] }: { path: number[]; errors?: ShownError[]; warnings?: LintWarning[] }) {
  if (errors.length === 0 && warnings.length === 0) return null;
  return (
    <ul className="tnotes">
      {errors.map((e, i) => (
        <ErrorNote key={`e${i}`} error={e} path={path} />
      ))}
      {warnings.map((w, i) => (
        <li
          key={`w${i}`}
          className="tnote tnote--warning"
          data-testid="targeting-warning"
          data-path={pathKey(path)}
          data-code={w.code}
        >
          <AlertIcon size={14} />
          <span>{w.message}</span>
        </li>
      ))}
    </ul>
  );
}

export function ErrorNote({ error, path }: { error: ShownError; path?: number[] }) {
  const place = error.place;
  return (
    <li
      className="tnote tnote--error"
      data-testid="targeting-error"
      data-path={path ? pathKey(path) : undefined}
      data-place={place.kind}
      data-part={place.kind === 'item' ? (place.part ?? '') : place.kind === 'trigger' ? (place.part ?? '') : undefined}
      data-source={error.source}
      data-code={error.code ?? undefined}
      role={error.source === 'server' ? 'alert' : undefined}
    >
      <AlertIcon size={14} />
      <span>{error.message}</span>
    </li>
  );
}

/** Errors outside the tree (trigger, priority, frequency, the document). */
export function ErrorList({ errors }: { errors: ShownError[] }) {
  if (errors.length === 0) return null;
  return (
    <ul className="tnotes">
      {errors.map((e, i) => (
        <ErrorNote key={i} error={e} />
      ))}
    </ul>
  );
}
