import type { ChatbotButton, Message } from '@parley/core';
import { useState } from 'react';
import { CheckCircleIcon, LinkIcon, UserIcon } from '../components/icons';
import { safeHref } from '../lib/visitorFormat';
import { answerText, offeredButtons, questionText, type ChatbotPath } from './state/chatbotPath';

/**
 * What a chatbot message carries besides its text, under its bubble: the picture, the link,
 * the buttons it offered (the one the visitor chose marked), what its question asks for.
 * Plain React elements only; URLs become `src`/`href` only when they are http(s).
 */
export function ChatbotMessageExtras({ message: m, path, onMediaLoad }: { message: Message; path: ChatbotPath; onMediaLoad?: () => void }) {
  const meta = m.meta;
  if (!meta) return null;
  const buttons = offeredButtons(m, path);
  const image = meta.imageUrl ? safeHref(meta.imageUrl) : null;
  const link = meta.link ? safeHref(meta.link.url) : null;
  const answered = buttons.some((b) => b.chosen);
  return (
    <>
      {meta.imageUrl &&
        (image ? (
          <BotImage key={image} src={image} onLoad={onMediaLoad} />
        ) : (
          <span className="msg__note msg__note--muted" data-testid="chatbot-image-blocked">
            Picture not shown (not an http(s) address)
          </span>
        ))}
      {meta.link &&
        (link ? (
          <a className="msg__link" href={link} target="_blank" rel="noopener noreferrer" data-testid="chatbot-link" title={meta.link.url}>
            <LinkIcon size={13} />
            <span>{meta.link.label.trim() || meta.link.url}</span>
          </a>
        ) : (
          <span className="msg__note msg__note--muted" data-testid="chatbot-link-blocked">
            {meta.link.label.trim() || 'Link'} (not shown: not an http(s) address)
          </span>
        ))}
      {buttons.length > 0 && (
        <ul className="botchips" aria-label={answered ? 'Buttons offered (the chosen one marked)' : 'Buttons offered'} data-testid="chatbot-buttons">
          {buttons.map((b) => (
            <li
              key={b.id}
              className={`botchip${b.chosen ? ' is-chosen' : ''}${b.human ? ' botchip--human' : ''}`}
              data-testid="chatbot-chip"
              data-choice-id={b.id}
              data-chosen={b.chosen ? 'true' : 'false'}
              data-human={b.human ? 'true' : undefined}
              title={b.chosen ? 'The visitor chose this' : b.human ? 'Talk to a human' : undefined}
            >
              {b.chosen ? <CheckCircleIcon size={12} /> : b.human ? <UserIcon size={12} /> : null}
              <span className="botchip__label">{b.label}</span>
              {b.chosen && <span className="visually-hidden"> (chosen)</span>}
            </li>
          ))}
        </ul>
      )}
      {meta.question && (
        <span
          className={`msg__note${meta.question.retry ? ' msg__note--retry' : ''}`}
          data-testid="chatbot-question"
          data-field={meta.question.field}
          data-retry={meta.question.retry ? 'true' : 'false'}
        >
          {meta.question.retry && (
            <span className="msg__tag msg__tag--retry" data-testid="retry-mark">
              Retry
            </span>
          )}
          {questionText(meta.question)}
        </span>
      )}
    </>
  );
}

/** The chatbot's picture (an http(s) URL), opening in a new tab; a plain link when it cannot be loaded. */
function BotImage({ src, onLoad }: { src: string; onLoad?: () => void }) {
  const [failed, setFailed] = useState(false);
  return (
    <a
      className={failed ? 'msg__link' : 'msg__image'}
      href={src}
      target="_blank"
      rel="noopener noreferrer"
      data-testid="chatbot-image"
      data-failed={failed ? 'true' : undefined}
      title={src}
    >
      {failed ? (
        <span>Picture (could not be loaded)</span>
      ) : (
        <img src={src} alt="Picture sent by the chatbot" loading="lazy" referrerPolicy="no-referrer" onLoad={onLoad} onError={() => setFailed(true)} />
      )}
    </a>
  );
}

/** A visitor's click on a chatbot button: a chip-like bubble "Clicked: Pricing". */
export function ChoiceBubble({ message: m, button }: { message: Message; button: ChatbotButton | null }) {
  return (
    <div
      className={`choice-bubble${button?.human ? ' choice-bubble--human' : ''}`}
      data-testid="choice-bubble"
      data-choice-id={m.meta?.choice?.choiceId}
      data-node-id={m.meta?.choice?.nodeId}
      data-human={button?.human ? 'true' : undefined}
    >
      <span className="choice-bubble__label">Clicked:</span>{' '}
      <span className="choice-bubble__chip">
        {button?.human && <UserIcon size={12} />}
        {m.text}
      </span>
    </div>
  );
}

/** Under a visitor's typed answer to a chatbot question: what it answered, or that it was not valid. */
export function AnswerNote({ message: m }: { message: Message }) {
  const answer = m.meta?.answer;
  if (!answer) return null;
  return (
    <span
      className={`msg__note${answer.valid ? '' : ' msg__note--invalid'}`}
      data-testid={answer.valid ? 'answer-note' : 'invalid-answer'}
      data-field={answer.field}
      data-valid={answer.valid ? 'true' : 'false'}
    >
      {answerText(answer)}
    </span>
  );
}
