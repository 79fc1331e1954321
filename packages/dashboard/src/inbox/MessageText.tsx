import { memo } from 'react';
import { linkify } from '../lib/linkify';

/** Plain text with clickable http(s) links — React escapes everything, no HTML is ever parsed. */
export const MessageText = memo(function MessageText({ text }: { text: string }) {
  return (
    <>
      {linkify(text).map((part, i) =>
        part.kind === 'link' ? (
          <a key={i} href={part.href} target="_blank" rel="noopener noreferrer">
            {part.text}
          </a>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </>
  );
});
