import type { NodeKind } from '@parley/flow';
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { useCallback, useState } from 'react';
import { useParams } from 'react-router';
import '@xyflow/react/dist/style.css';
import '../styles/builder.css';
import { useAuthenticated } from '../auth/SessionContext';
import { FullPageMessage } from '../components/FullPageMessage';
import { BuilderHeader } from './BuilderHeader';
import { canEditChatbots } from './canEdit';
import { FlowSettings } from './editors/FlowSettings';
import { FlowCanvas } from './FlowCanvas';
import { NodeEditor } from './NodeEditor';
import { NodePalette } from './NodePalette';
import { PreviewPanel } from './PreviewPanel';
import { ProblemsList } from './ProblemsList';
import { addNode } from './state/document';
import { freeSpot } from './state/graph';
import { useBuilder } from './useBuilder';

/** `/app/chatbots/:id`: the visual builder. */
export function BuilderPage() {
  const { id = '' } = useParams();
  return (
    <ReactFlowProvider>
      <Builder key={id} id={id} />
    </ReactFlowProvider>
  );
}

function Builder({ id }: { id: string }) {
  const { agent } = useAuthenticated();
  const readOnly = !canEditChatbots(agent.role);
  const model = useBuilder(id);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [language, setLanguage] = useState<string | null>(null);
  const [previewOpen, setPreviewOpen] = useState(true);
  const reactFlow = useReactFlow();
  const { draft, chatbot, edit } = model;

  const focusNode = useCallback(
    (nodeId: string) => {
      setSelectedId(nodeId);
      const node = reactFlow.getNode(nodeId);
      if (node) {
        const w = node.measured?.width ?? 240;
        const h = node.measured?.height ?? 120;
        void reactFlow.setCenter(node.position.x + w / 2, node.position.y + h / 2, { zoom: Math.max(reactFlow.getZoom(), 0.9), duration: 300 });
      }
    },
    [reactFlow],
  );

  const add = (kind: NodeKind) => {
    const pane = document.querySelector('.builder-canvas')?.getBoundingClientRect();
    const center = pane
      ? reactFlow.screenToFlowPosition({ x: pane.left + pane.width / 2, y: pane.top + pane.height / 2 })
      : { x: 0, y: 0 };
    let created = '';
    edit((flow) => {
      const res = addNode(flow, kind, freeSpot(flow, { x: center.x - 120, y: center.y - 60 }));
      created = res.nodeId;
      return res.flow;
    });
    if (created) setSelectedId(created);
  };

  if (model.loadError) return <FullPageMessage>{model.loadError}</FullPageMessage>;
  if (!draft || !chatbot) return <FullPageMessage busy>Loading the chatbot…</FullPageMessage>;

  const lang = language && (language === draft.defaultLanguage || Object.hasOwn(draft.variants, language)) ? language : draft.defaultLanguage;
  const selected = selectedId !== null && Object.hasOwn(draft.nodes, selectedId) ? selectedId : null;
  const flowProblems = model.problems.filter((p) => p.nodeId === null);

  return (
    <div className={`builder${previewOpen ? ' has-preview' : ''}`}>
      <BuilderHeader
        chatbot={chatbot}
        draft={draft}
        dirty={model.dirty}
        busy={model.busy}
        readOnly={readOnly}
        problemCount={model.problems.length}
        language={lang}
        previewOpen={previewOpen}
        onLanguage={setLanguage}
        edit={edit}
        onSave={() => void model.save()}
        onPublish={() => void model.publish()}
        onStatus={model.setStatus}
        onTogglePreview={() => setPreviewOpen((o) => !o)}
      />
      {(model.error || model.notice) && (
        <div className={`builder-flash${model.error ? ' is-error' : ''}`} role={model.error ? 'alert' : 'status'} data-testid="builder-flash">
          <span>{model.error ?? model.notice}</span>
          {model.saveIssues.length > 0 && (
            <ul className="builder-flash__issues">
              {model.saveIssues.map((issue, i) => (
                <li key={i}>
                  <code>{issue.path}</code> {issue.message}
                </li>
              ))}
            </ul>
          )}
          <button type="button" className="btn btn--ghost btn--xs" onClick={model.dismiss}>
            Dismiss
          </button>
        </div>
      )}
      <div className="builder-body">
        <div className="builder-canvas">
          {!readOnly && <NodePalette disabled={lang !== draft.defaultLanguage} onAdd={add} />}
          {flowProblems.length > 0 && (
            <div className="builder-canvas__flow-problems">
              {flowProblems.map((p, i) => (
                <span key={i}>⚠ {p.message}</span>
              ))}
            </div>
          )}
          <FlowCanvas
            draft={draft}
            problems={model.problems}
            language={lang}
            selectedId={selected}
            readOnly={readOnly || lang !== draft.defaultLanguage}
            onSelect={setSelectedId}
            edit={edit}
          />
        </div>
        <aside className="builder-side" aria-label="Step">
          <div className="builder-side__editor">
            {selected ? (
              <NodeEditor flow={draft} nodeId={selected} language={lang} readOnly={readOnly} edit={edit} onClose={() => setSelectedId(null)} />
            ) : (
              <FlowSettings flow={draft} language={lang} disabled={readOnly} edit={edit} />
            )}
          </div>
          <ProblemsList problems={model.problems} onFocus={focusNode} />
        </aside>
        {previewOpen && <PreviewPanel flow={draft} onClose={() => setPreviewOpen(false)} />}
      </div>
    </div>
  );
}
