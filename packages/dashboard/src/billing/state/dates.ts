/** Instants of the billing API shown in the workspace's time zone. */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string, locale: string | undefined): Intl.DateTimeFormat {
  const key = `${locale ?? ''}|${timeZone}`;
  let f = formatters.get(key);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat(locale ?? 'en-GB', { timeZone, day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    } catch {
      f = new Intl.DateTimeFormat(locale ?? 'en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    }
    formatters.set(key, f);
  }
  return f;
}

/** "3 Nov 2026, 14:05" in `timeZone` (UTC when the zone is unknown); "" for a bad instant. */
export function dateTimeIn(iso: string, timeZone: string, locale?: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '';
  const p = Object.fromEntries(formatter(timeZone, locale).formatToParts(ms).map((part) => [part.type, part.value]));
  return `${p.day} ${p.month} ${p.year}, ${p.hour}:${p.minute}`;
}
