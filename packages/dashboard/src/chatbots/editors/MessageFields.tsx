import type { FlowNode, MessageNode } from '@parley/flow';
import { TextField, orNull } from './Field';

export function MessageFields({ node, onChange, disabled }: { node: MessageNode; onChange(n: FlowNode): void; disabled: boolean }) {
  return (
    <>
      <TextField label="Message" name="text" multiline value={node.text} disabled={disabled} onChange={(text) => onChange({ ...node, text })} />
      <TextField
        label="Image address (optional)"
        name="imageUrl"
        value={node.imageUrl ?? ''}
        placeholder="https://…"
        disabled={disabled}
        onChange={(v) => onChange({ ...node, imageUrl: orNull(v) })}
      />
      <TextField
        label="Link (optional)"
        name="linkUrl"
        value={node.link?.url ?? ''}
        placeholder="https://…"
        disabled={disabled}
        onChange={(v) => onChange({ ...node, link: orNull(v) === null ? null : { url: v, label: node.link?.label ?? '' } })}
      />
      {node.link && (
        <TextField
          label="Link label"
          name="linkLabel"
          value={node.link.label}
          disabled={disabled}
          onChange={(label) => onChange({ ...node, link: { url: node.link?.url ?? '', label } })}
        />
      )}
    </>
  );
}
