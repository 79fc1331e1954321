/**
 * The server's `400 invalid` issues on a query (`querystring.from`,
 * `querystring.to`…) or a body (`body.unansweredChatbot.afterSeconds`), put
 * next to the input they are about; the rest stays general.
 */
export interface Issue {
  path: string;
  message: string;
}

export interface PlacedIssues<F extends string> {
  byField: Partial<Record<F, string[]>>;
  /** Issues about no field shown (or without a path). */
  general: string[];
}

/**
 * Places each issue on the first field whose name is the path's part after
 * `querystring.` / `query.` / `body.` (`querystring.to` → `to`; with
 * `nested`, `body.unansweredChatbot.afterSeconds` → `unansweredChatbot.afterSeconds`
 * when that is a field, else `unansweredChatbot`).
 */
export function placeIssues<F extends string>(issues: readonly Issue[], fields: readonly F[]): PlacedIssues<F> {
  const placed: PlacedIssues<F> = { byField: {}, general: [] };
  for (const issue of issues) {
    const parts = issue.path.split('.').filter(Boolean);
    if (parts[0] === 'querystring' || parts[0] === 'query' || parts[0] === 'body' || parts[0] === 'params') parts.shift();
    let field: F | undefined;
    for (let n = parts.length; n > 0 && !field; n--) {
      const candidate = parts.slice(0, n).join('.');
      field = fields.find((f) => f === candidate);
    }
    if (field) (placed.byField[field] ??= []).push(issue.message);
    else placed.general.push(issue.path ? `${issue.path}: ${issue.message}` : issue.message);
  }
  return placed;
}
