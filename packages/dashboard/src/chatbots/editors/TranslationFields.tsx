import type { FlowDocument } from '@parley/flow';
import { SLOT_LABEL, setVariantText, textsOf, variantText } from '../state/variants';

interface Props {
  flow: FlowDocument;
  /** The node, or null for the flow's handover messages. */
  nodeId: string | null;
  language: string;
  disabled: boolean;
  edit(change: (flow: FlowDocument) => FlowDocument): void;
}

/** The translated texts of one node in a variant, each beside its default text. */
export function TranslationFields({ flow, nodeId, language, disabled, edit }: Props) {
  const entries = textsOf(flow, nodeId);
  if (entries.length === 0) return <p className="muted panel-note">This step has no text to translate.</p>;
  return (
    <>
      {entries.map((entry) => {
        const value = variantText(flow, language, entry);
        const missing = entry.text.trim() !== '' && value.trim() === '';
        return (
          <label className={`field panel-field${missing ? ' is-untranslated' : ''}`} key={entry.path.join('.')}>
            <span className="field__label">
              {SLOT_LABEL[entry.slot]}
              {missing && <span className="chip chip--xs panel-field__missing">untranslated</span>}
            </span>
            <span className="panel-field__source" lang={flow.defaultLanguage}>
              {entry.text || '(empty)'}
            </span>
            <textarea
              className="input input--area"
              rows={2}
              lang={language}
              data-testid="translation"
              value={value}
              disabled={disabled}
              placeholder={`In ${language}`}
              onChange={(e) => edit((f) => setVariantText(f, language, entry, e.target.value))}
            />
          </label>
        );
      })}
    </>
  );
}
