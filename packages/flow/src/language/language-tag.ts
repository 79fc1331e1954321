/**
 * Cleans a language tag as browsers and scripts send it: trims, drops a
 * `;q=` weight, refuses `*` and malformed tags. Returns null when unusable.
 */
export function cleanLanguageTag(tag: string | null | undefined): string | null {
  if (typeof tag !== 'string') return null;
  const cleaned = tag.split(';')[0]!.trim().replace(/_/g, '-');
  return /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(cleaned) ? cleaned : null;
}

/** `cs-CZ` → `cs`. */
export function primarySubtag(tag: string): string {
  const dash = tag.indexOf('-');
  return (dash === -1 ? tag : tag.slice(0, dash)).toLowerCase();
}

/**
 * The entry of `available` that best serves `requested`, as spelled in
 * `available`: the same tag (any case), else the bare language (`cs-CZ` →
 * `cs`), else another region of the same language (`cs` → `cs-CZ`).
 */
export function matchLanguage(requested: string, available: readonly string[]): string | null {
  const wanted = requested.toLowerCase();
  const primary = primarySubtag(requested);
  let sameLanguage: string | null = null;
  let bare: string | null = null;
  for (const candidate of available) {
    const lower = candidate.toLowerCase();
    if (lower === wanted) return candidate;
    if (lower === primary) bare ??= candidate;
    else if (primarySubtag(candidate) === primary) sameLanguage ??= candidate;
  }
  return bare ?? sameLanguage;
}
