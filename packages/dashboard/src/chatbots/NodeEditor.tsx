import type { FlowDocument, FlowNode } from '@parley/flow';
import { AlertIcon, CloseIcon, TrashIcon } from '../components/icons';
import { ActionFields } from './editors/ActionFields';
import { ButtonsFields } from './editors/ButtonsFields';
import { ConditionFields } from './editors/ConditionFields';
import { TextField } from './editors/Field';
import { MessageFields } from './editors/MessageFields';
import { QuestionFields } from './editors/QuestionFields';
import { TranslationFields } from './editors/TranslationFields';
import { deleteNode, removeChoice, replaceNode, setStartNode } from './state/document';
import { ACTION_LABEL, KIND_LABEL } from './state/templates';

interface Props {
  flow: FlowDocument;
  nodeId: string;
  language: string;
  readOnly: boolean;
  /** Owners and admins (the webhook signing key). */
  canManage?: boolean;
  /** Run errors at this step in the last 24 hours. */
  runErrorCount?: number;
  onShowRunErrors?(): void;
  edit(change: (flow: FlowDocument) => FlowDocument): void;
  onClose(): void;
}

/** The side panel for the selected step: its fields, or its translations in a variant. */
export function NodeEditor({ flow, nodeId, language, readOnly, canManage = false, runErrorCount = 0, onShowRunErrors, edit, onClose }: Props) {
  const node = flow.nodes[nodeId];
  if (!node) return null;
  const isDefault = language === flow.defaultLanguage;
  const update = (next: FlowNode) => edit((f) => replaceNode(f, nodeId, next));
  const title = node.kind === 'action' ? ACTION_LABEL[node.action] : KIND_LABEL[node.kind];
  return (
    <div className="panel-section" data-testid="node-editor" data-node-id={nodeId}>
      <div className="panel-head">
        <h3 className="panel-title">
          {title} <code className="panel-id">{nodeId}</code>
        </h3>
        <button type="button" className="btn btn--ghost btn--icon btn--sm" aria-label="Close" onClick={onClose}>
          <CloseIcon size={16} />
        </button>
      </div>
      {runErrorCount > 0 && (
        <div className="panel-run-errors" data-testid="node-run-errors-note">
          <AlertIcon size={14} />
          <span>
            {runErrorCount} run error{runErrorCount === 1 ? '' : 's'} at this step in the last 24 hours.
          </span>
          {onShowRunErrors && (
            <button type="button" className="btn btn--ghost btn--xs" data-testid="show-node-run-errors" onClick={onShowRunErrors}>
              Show
            </button>
          )}
        </div>
      )}
      {isDefault ? (
        <>
          <TextField
            label="Step name (optional)"
            value={node.name ?? ''}
            disabled={readOnly}
            placeholder="e.g. Main menu"
            onChange={(name) => update({ ...node, name: name === '' ? undefined : name })}
          />
          <KindFields
            node={node}
            disabled={readOnly}
            canManage={canManage}
            onChange={update}
            onRemoveChoice={(c) => edit((f) => removeChoice(f, nodeId, c))}
          />
        </>
      ) : (
        <>
          <p className="muted panel-note">
            Translating into <strong>{language}</strong>. Empty texts fall back to {flow.defaultLanguage}.
          </p>
          <TranslationFields flow={flow} nodeId={nodeId} language={language} disabled={readOnly} edit={edit} />
        </>
      )}
      {!readOnly && (
        <div className="panel-actions">
          <button
            type="button"
            className="btn btn--sm"
            disabled={flow.startNodeId === nodeId}
            onClick={() => edit((f) => setStartNode(f, nodeId))}
          >
            {flow.startNodeId === nodeId ? 'Start step' : 'Make it the start'}
          </button>
          <button
            type="button"
            className="btn btn--sm btn--danger"
            data-testid="delete-node"
            onClick={() => {
              edit((f) => deleteNode(f, nodeId));
              onClose();
            }}
          >
            <TrashIcon size={14} /> Delete step
          </button>
        </div>
      )}
    </div>
  );
}

function KindFields({
  node,
  disabled,
  canManage,
  onChange,
  onRemoveChoice,
}: {
  node: FlowNode;
  disabled: boolean;
  canManage: boolean;
  onChange(n: FlowNode): void;
  onRemoveChoice(choiceId: string): void;
}) {
  switch (node.kind) {
    case 'message':
      return <MessageFields node={node} disabled={disabled} onChange={onChange} />;
    case 'buttons':
      return <ButtonsFields node={node} disabled={disabled} onChange={onChange} onRemoveChoice={onRemoveChoice} />;
    case 'question':
      return <QuestionFields node={node} disabled={disabled} onChange={onChange} />;
    case 'condition':
      return <ConditionFields node={node} disabled={disabled} onChange={onChange} />;
    case 'action':
      return <ActionFields node={node} disabled={disabled} canSeeSigningKey={canManage} onChange={onChange} />;
    case 'end':
      return <p className="muted panel-note">The chatbot stops here.</p>;
  }
}
