import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { useNow } from '../lib/useNow';
import { dayIn, rangeFromParams, rangeToParams, type RangeSelection } from './state/dateRange';

/**
 * The page's date range, read from and written to the URL (`?range=` or
 * `?from=&to=`), in the workspace's zone; presets follow the calendar day.
 */
export function useRangeParams(timeZone: string): { selection: RangeSelection; today: string; setSelection(next: RangeSelection): void } {
  const [params, setParams] = useSearchParams();
  const now = useNow(60_000);
  const today = dayIn(timeZone, now.getTime());
  // presets move when the day changes in the workspace's zone, not every minute
  const selection = useMemo(() => rangeFromParams(params, today), [params, today]);
  const setSelection = useCallback(
    (next: RangeSelection) => setParams((current) => rangeToParams(next, current), { replace: true }),
    [setParams],
  );
  return { selection, today, setSelection };
}
