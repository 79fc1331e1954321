import { availableLanguages, type FlowDocument } from '@parley/flow';
import { useState, type FormEvent } from 'react';
import { LanguageIcon } from '../components/icons';
import { addVariant, isLanguageTag, normaliseTag, removeVariant } from './state/variants';

interface Props {
  flow: FlowDocument;
  language: string;
  disabled: boolean;
  onLanguage(language: string): void;
  edit(change: (flow: FlowDocument) => FlowDocument): void;
}

/** Which language the builder edits: the default or a variant; add or remove variants. */
export function LanguageSelect({ flow, language, disabled, onLanguage, edit }: Props) {
  const [adding, setAdding] = useState(false);
  const [tag, setTag] = useState('');
  const languages = availableLanguages(flow);
  const valid = isLanguageTag(tag) && !languages.some((l) => l.toLowerCase() === normaliseTag(tag).toLowerCase());

  const add = (e: FormEvent) => {
    e.preventDefault();
    if (!valid) return;
    const clean = normaliseTag(tag);
    edit((f) => addVariant(f, clean));
    onLanguage(clean);
    setTag('');
    setAdding(false);
  };

  return (
    <div className="lang-select">
      <LanguageIcon size={16} />
      <select
        className="input input--sm"
        aria-label="Language"
        data-testid="language-select"
        value={language}
        onChange={(e) => onLanguage(e.target.value)}
      >
        {languages.map((l) => (
          <option key={l} value={l}>
            {l}
            {l === flow.defaultLanguage ? ' (default)' : ''}
          </option>
        ))}
      </select>
      {!disabled && language !== flow.defaultLanguage && (
        <button
          type="button"
          className="btn btn--ghost btn--xs"
          data-testid="remove-variant"
          onClick={() => {
            if (!window.confirm(`Remove the ${language} translation?`)) return;
            edit((f) => removeVariant(f, language));
            onLanguage(flow.defaultLanguage);
          }}
        >
          Remove
        </button>
      )}
      {!disabled &&
        (adding ? (
          <form className="lang-select__add" onSubmit={add}>
            <input
              className="input input--sm"
              aria-label="New language code"
              data-testid="variant-language"
              placeholder="cs, de, pt-BR"
              size={7}
              autoFocus
              value={tag}
              aria-invalid={tag !== '' && !valid}
              onChange={(e) => setTag(e.target.value)}
              onKeyDown={(e) => e.key === 'Escape' && setAdding(false)}
            />
            <button type="submit" className="btn btn--xs" disabled={!valid}>
              Add
            </button>
          </form>
        ) : (
          <button type="button" className="btn btn--ghost btn--xs" data-testid="add-variant" onClick={() => setAdding(true)}>
            + Language
          </button>
        ))}
    </div>
  );
}
