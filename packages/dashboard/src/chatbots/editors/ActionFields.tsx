import type { ActionNode, ActionType, FlowNode, WebhookMethod } from '@parley/flow';
import { changeAction } from '../state/document';
import { ACTION_LABEL, ACTION_TYPES } from '../state/templates';
import { SelectField, TextField, orNull } from './Field';
import { WebhookSignature } from './WebhookSignature';

const METHODS: WebhookMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

interface Props {
  node: ActionNode;
  onChange(n: FlowNode): void;
  disabled: boolean;
  /** Owners and admins may see the webhook signing key. */
  canSeeSigningKey?: boolean;
}

export function ActionFields({ node, onChange, disabled, canSeeSigningKey = false }: Props) {
  return (
    <>
      <SelectField<ActionType>
        label="Action"
        name="action"
        value={node.action}
        disabled={disabled}
        options={ACTION_TYPES.map((a) => ({ value: a, label: ACTION_LABEL[a] }))}
        onChange={(action) => onChange(changeAction(node, action))}
      />
      <ActionSpecific node={node} onChange={onChange} disabled={disabled} />
      {node.action === 'call_webhook' && <WebhookSignature canSeeKey={canSeeSigningKey} />}
    </>
  );
}

function ActionSpecific({ node, onChange, disabled }: { node: ActionNode; onChange(n: FlowNode): void; disabled: boolean }) {
  switch (node.action) {
    case 'add_tag':
    case 'remove_tag':
      return <TextField label="Tag" name="tag" value={node.tag} disabled={disabled} placeholder="e.g. vip" onChange={(tag) => onChange({ ...node, tag })} />;
    case 'set_contact_property':
      return (
        <>
          <TextField label="Property" value={node.key} placeholder="e.g. company" disabled={disabled} onChange={(key) => onChange({ ...node, key })} />
          <TextField label="Value" value={node.value} disabled={disabled} onChange={(value) => onChange({ ...node, value })} />
        </>
      );
    case 'handover':
      return (
        <>
          <TextField
            label="Group id (optional)"
            value={node.groupId ?? ''}
            disabled={disabled}
            onChange={(v) => onChange({ ...node, groupId: orNull(v) })}
          />
          <TextField
            label="Agent id (optional)"
            value={node.agentId ?? ''}
            disabled={disabled}
            onChange={(v) => onChange({ ...node, agentId: orNull(v) })}
          />
          <p className="muted panel-note">Connect both outlets: what happens when agents are online, and when none is.</p>
        </>
      );
    case 'close_conversation':
      return <p className="muted panel-note">Closes the conversation; the chatbot ends.</p>;
    case 'open_url':
      return (
        <>
          <TextField label="Address" value={node.url} placeholder="https://…" disabled={disabled} onChange={(url) => onChange({ ...node, url })} />
          <label className="panel-check">
            <input type="checkbox" checked={node.newTab} disabled={disabled} onChange={(e) => onChange({ ...node, newTab: e.target.checked })} />
            Open in a new tab
          </label>
        </>
      );
    case 'delay':
      return (
        <label className="field panel-field">
          <span className="field__label">Seconds</span>
          <input
            className="input input--sm"
            type="number"
            min={1}
            max={86400}
            value={node.seconds}
            disabled={disabled}
            onChange={(e) => onChange({ ...node, seconds: Math.max(1, Math.round(Number(e.target.value) || 1)) })}
          />
        </label>
      );
    case 'call_webhook':
      return (
        <>
          <TextField label="Address" value={node.url} placeholder="https://…" disabled={disabled} onChange={(url) => onChange({ ...node, url })} />
          <SelectField<WebhookMethod>
            label="Method"
            value={node.method}
            disabled={disabled}
            options={METHODS.map((m) => ({ value: m, label: m }))}
            onChange={(method) => onChange({ ...node, method })}
          />
          <TextField
            label="Body template (optional)"
            multiline
            value={node.body ?? ''}
            disabled={disabled}
            hint="{{contact.email}}, {{variable.NAME}}, {{visitor_language}}…"
            onChange={(v) => onChange({ ...node, body: orNull(v) })}
          />
        </>
      );
    case 'go_to_flow':
      return <TextField label="Chatbot id" value={node.flowId} disabled={disabled} onChange={(flowId) => onChange({ ...node, flowId })} />;
  }
}
