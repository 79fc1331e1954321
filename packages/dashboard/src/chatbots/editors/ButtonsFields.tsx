import type { ButtonsNode, FlowNode } from '@parley/flow';
import { CHOICES_MAX } from '@parley/flow';
import { PlusIcon, TrashIcon } from '../../components/icons';
import { addChoice, renameChoice, setHumanChoice } from '../state/document';
import { TextField } from './Field';

interface Props {
  node: ButtonsNode;
  disabled: boolean;
  onChange(n: FlowNode): void;
  onRemoveChoice(choiceId: string): void;
}

export function ButtonsFields({ node, disabled, onChange, onRemoveChoice }: Props) {
  return (
    <>
      <TextField label="Text" name="text" multiline value={node.text} disabled={disabled} onChange={(text) => onChange({ ...node, text })} />
      <fieldset className="panel-group">
        <legend className="field__label">Buttons</legend>
        {node.choices.map((choice, i) => (
          <div className="panel-row" key={choice.id}>
            <input
              className="input input--sm"
              aria-label={`Button ${i + 1}`}
              data-testid="choice-label"
              placeholder={`Button ${i + 1}`}
              value={choice.label}
              disabled={disabled}
              onChange={(e) => onChange(renameChoice(node, choice.id, e.target.value))}
            />
            <button
              type="button"
              className="btn btn--ghost btn--icon btn--sm"
              aria-label={`Remove button ${choice.label || i + 1}`}
              disabled={disabled}
              onClick={() => onRemoveChoice(choice.id)}
            >
              <TrashIcon size={16} />
            </button>
          </div>
        ))}
        <button
          type="button"
          className="btn btn--sm"
          data-testid="add-choice"
          disabled={disabled || node.choices.length >= CHOICES_MAX}
          onClick={() => onChange(addChoice(node))}
        >
          <PlusIcon size={14} /> Add button
        </button>
      </fieldset>
      <label className="panel-check">
        <input
          type="checkbox"
          checked={node.humanChoice !== null}
          disabled={disabled}
          onChange={(e) => onChange(setHumanChoice(node, e.target.checked))}
        />
        Offer a "talk to a human" button
      </label>
      {node.humanChoice && (
        <TextField
          label='"Talk to a human" label'
          value={node.humanChoice.label}
          disabled={disabled}
          onChange={(label) => onChange({ ...node, humanChoice: node.humanChoice && { ...node.humanChoice, label } })}
        />
      )}
    </>
  );
}
