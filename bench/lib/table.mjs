// Prints result rows as an aligned text table.

function formatNumber(value) {
  if (value === null || value === undefined) return '–';
  if (typeof value !== 'number') return String(value);
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs >= 1000) return Math.round(value).toLocaleString('en-US');
  if (abs >= 100) return value.toFixed(0);
  if (abs >= 10) return value.toFixed(1);
  if (abs >= 1) return value.toFixed(2);
  return value.toFixed(3);
}

export function formatRows(rows) {
  return rows.map((r) => ({
    name: r.name,
    value: formatNumber(r.value),
    unit: r.unit ?? '',
    baseline: formatNumber(r.baseline),
    ratio: r.ratio === null || r.ratio === undefined ? '–' : `${r.ratio.toFixed(2)}×`,
    target: r.target ? `${r.met === true ? 'met' : r.met === false ? 'MISSED' : '?'} (${r.target})` : '',
  }));
}

const COLUMNS = [
  { key: 'name', title: 'scenario', align: 'left' },
  { key: 'value', title: 'value', align: 'right' },
  { key: 'unit', title: 'unit', align: 'left' },
  { key: 'baseline', title: 'baseline', align: 'right' },
  { key: 'ratio', title: 'ratio', align: 'right' },
  { key: 'target', title: 'target', align: 'left' },
];

/** A plain-text table with a header rule. */
export function textTable(rows) {
  const cells = formatRows(rows);
  const widths = COLUMNS.map((c) => Math.max(c.title.length, ...cells.map((r) => String(r[c.key]).length)));
  const line = (r) =>
    COLUMNS.map((c, i) => (c.align === 'right' ? String(r[c.key]).padStart(widths[i]) : String(r[c.key]).padEnd(widths[i]))).join('  ').trimEnd();
  const header = Object.fromEntries(COLUMNS.map((c) => [c.key, c.title]));
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

/** The same table in Markdown, for docs/benchmarks.md. */
export function markdownTable(rows) {
  const cells = formatRows(rows);
  const head = `| ${COLUMNS.map((c) => c.title).join(' | ')} |`;
  const rule = `| ${COLUMNS.map((c) => (c.align === 'right' ? '---:' : '---')).join(' | ')} |`;
  return [head, rule, ...cells.map((r) => `| ${COLUMNS.map((c) => String(r[c.key]).replaceAll('|', '\\|')).join(' | ')} |`)].join('\n');
}
