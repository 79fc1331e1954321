interface Props {
  testId: string;
  label: string;
  value: number;
  /** What the number counts ("in the inbox"). */
  hint?: string;
  /** The rate with its denominator ("62% of 40 conversations where a chatbot was shown"). */
  rate?: string;
  tone?: 'bot' | 'normal' | 'resolved' | 'escalated';
}

/** One figure: the number first (the element's text starts with it; exact in `data-value`), its label, its rate. */
export function StatCard({ testId, label, value, hint, rate, tone }: Props) {
  return (
    <div className={`stat${tone ? ` stat--${tone}` : ''}`} data-testid={testId} data-value={value}>
      <span className="stat__value">{value.toLocaleString()}</span>
      <span className="stat__label">{label}</span>
      {hint && <span className="stat__hint">{hint}</span>}
      {rate && <span className="stat__rate">{rate}</span>}
    </div>
  );
}
