import type { FlowNode, QuestionField, QuestionNode, SaveTarget } from '@parley/flow';
import { SelectField, TextField } from './Field';

const FIELDS: { value: QuestionField; label: string }[] = [
  { value: 'name', label: 'Name' },
  { value: 'email', label: 'Email' },
  { value: 'phone', label: 'Phone' },
  { value: 'number', label: 'Number' },
  { value: 'text', label: 'Free text' },
];

type SaveKind = 'none' | SaveTarget['kind'];

export function QuestionFields({ node, onChange, disabled }: { node: QuestionNode; onChange(n: FlowNode): void; disabled: boolean }) {
  const saveKind: SaveKind = node.saveTo?.kind ?? 'none';
  const saveName = node.saveTo ? (node.saveTo.kind === 'variable' ? node.saveTo.name : node.saveTo.key) : '';
  const setSave = (kind: SaveKind, name: string) =>
    onChange({
      ...node,
      saveTo: kind === 'none' ? null : kind === 'variable' ? { kind, name } : { kind, key: name },
    });
  return (
    <>
      <SelectField label="Asks for" name="field" value={node.field} options={FIELDS} disabled={disabled} onChange={(field) => onChange({ ...node, field })} />
      <TextField label="Question" name="prompt" multiline value={node.prompt} disabled={disabled} onChange={(prompt) => onChange({ ...node, prompt })} />
      <TextField
        label="Retry message"
        name="retryMessage"
        value={node.retryMessage}
        disabled={disabled}
        hint="Sent when the answer is not valid."
        onChange={(retryMessage) => onChange({ ...node, retryMessage })}
      />
      <div className="panel-row">
        <label className="field panel-field">
          <span className="field__label">Retries</span>
          <input
            className="input input--sm"
            type="number"
            min={0}
            max={10}
            value={node.maxRetries}
            disabled={disabled}
            onChange={(e) => onChange({ ...node, maxRetries: Math.max(0, Math.min(10, Math.round(Number(e.target.value) || 0))) })}
          />
        </label>
        <SelectField
          label="Then"
          value={node.whenRetriesExhausted}
          disabled={disabled}
          options={[
            { value: 'handover', label: 'Hand over' },
            { value: 'continue', label: 'Continue' },
          ]}
          onChange={(whenRetriesExhausted) => onChange({ ...node, whenRetriesExhausted })}
        />
      </div>
      <div className="panel-row">
        <SelectField<SaveKind>
          label="Also save to"
          value={saveKind}
          disabled={disabled}
          options={[
            { value: 'none', label: node.field === 'number' || node.field === 'text' ? 'Choose…' : 'Contact only' },
            { value: 'variable', label: 'Variable' },
            { value: 'contact_property', label: 'Contact property' },
          ]}
          onChange={(kind) => setSave(kind, saveName)}
        />
        {saveKind !== 'none' && (
          <TextField label="Name" value={saveName} placeholder="e.g. order_number" disabled={disabled} onChange={(v) => setSave(saveKind, v)} />
        )}
      </div>
    </>
  );
}
