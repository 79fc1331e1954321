/** "Visitor is typing…" with animated dots; rendered only while the visitor types. */
export function TypingIndicator() {
  return (
    <div className="typing" data-testid="typing" role="status" aria-live="polite">
      <span className="typing__dots" aria-hidden="true">
        <span />
        <span />
        <span />
      </span>
      <span className="typing__text">Visitor is typing…</span>
    </div>
  );
}
