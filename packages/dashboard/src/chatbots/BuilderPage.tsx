import type { NodeKind, Problem } from '@parley/flow';
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { useCallback, useMemo, useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import '@xyflow/react/dist/style.css';
import '../styles/builder.css';
import { api, errorMessage } from '../api/client';
import type { ChatbotVersionWithFlow } from '../api/types';
import { useAuthenticated } from '../auth/SessionContext';
import { FullPageMessage } from '../components/FullPageMessage';
import { EyeIcon } from '../components/icons';
import { fullDateTime } from '../lib/time';
import { useNow } from '../lib/useNow';
import { BuilderHeader, type BuilderDrawer } from './BuilderHeader';
import { canEditChatbots } from './canEdit';
import { FlowSettings } from './editors/FlowSettings';
import { FlowCanvas } from './FlowCanvas';
import { NodeEditor } from './NodeEditor';
import { NodePalette } from './NodePalette';
import { PreviewPanel } from './PreviewPanel';
import { ProblemsList } from './ProblemsList';
import { RunErrorsPanel } from './RunErrorsPanel';
import { addNode } from './state/document';
import { freeSpot } from './state/graph';
import { errorsByNode, recentErrors, RUN_ERRORS_LIMIT } from './state/runErrors';
import { versionState } from './state/versions';
import { useBuilder } from './useBuilder';
import { useRunErrors } from './useRunErrors';
import { useVersions } from './useVersions';
import { VersionsPanel } from './VersionsPanel';

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
  const canManage = canEditChatbots(agent.role);
  const readOnly = !canManage;
  const model = useBuilder(id);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [language, setLanguage] = useState<string | null>(null);
  const [search] = useSearchParams();
  // `?panel=errors|versions` (the list's warning links to the run errors) opens that panel first.
  const [drawer, setDrawer] = useState<BuilderDrawer>(() => initialDrawer(search.get('panel')));
  const [errorFilter, setErrorFilter] = useState<string | null>(null);
  const [viewing, setViewing] = useState<ChatbotVersionWithFlow | null>(null);
  const [opening, setOpening] = useState<string | null>(null);
  const [openError, setOpenError] = useState<string | null>(null);
  const reactFlow = useReactFlow();
  const { draft, chatbot, edit } = model;
  const runErrors = useRunErrors(id);
  const versions = useVersions(id, drawer === 'versions' || drawer === 'errors', chatbot?.publishedVersion?.id ?? null);
  const now = useNow(60_000);

  const recent = useMemo(() => recentErrors(runErrors.errors ?? [], now), [runErrors.errors, now]);
  // Dots on the canvas: every recent error on the draft; only that version's while a version is shown.
  const recentByNode = useMemo(
    () => errorsByNode(viewing ? recent.filter((e) => e.versionId === viewing.id) : recent),
    [recent, viewing],
  );

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

  const openDrawer = (next: BuilderDrawer) => {
    setDrawer(next);
    if (next === 'errors') {
      setErrorFilter(null);
      if (drawer !== 'errors') runErrors.reload();
    }
  };

  const viewVersion = (versionId: string) => {
    setOpening(versionId);
    setOpenError(null);
    api
      .chatbotVersion(id, versionId)
      .then(({ version }) => {
        setViewing(version);
        setSelectedId(null);
      })
      .catch((err: unknown) => setOpenError(errorMessage(err)))
      .finally(() => setOpening(null));
  };
  const backToDraft = () => {
    setViewing(null);
    setSelectedId(null);
  };

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

  // The canvas shows the draft, or a published version read-only.
  const shown = viewing?.flow ?? draft;
  const frozen = viewing !== null;
  const lang = language && (language === shown.defaultLanguage || Object.hasOwn(shown.variants, language)) ? language : shown.defaultLanguage;
  const selected = selectedId !== null && Object.hasOwn(shown.nodes, selectedId) ? selectedId : null;
  const problems = frozen ? NO_PROBLEMS : model.problems;
  const flowProblems = problems.filter((p) => p.nodeId === null);
  const viewingState = viewing ? versionState(viewing, chatbot) : null;

  return (
    <div className={`builder${drawer ? ' has-drawer' : ''}${drawer === 'preview' ? ' has-preview' : ''}`}>
      <BuilderHeader
        chatbot={chatbot}
        draft={shown}
        dirty={model.dirty}
        busy={model.busy}
        readOnly={readOnly}
        problemCount={model.problems.length}
        language={lang}
        drawer={drawer}
        recentErrorCount={runErrors.errors === null ? null : recent.length}
        viewingVersion={viewing?.number ?? null}
        onLanguage={setLanguage}
        edit={frozen ? ignoreEdit : edit}
        onSave={() => void model.save()}
        onPublish={() => void model.publish()}
        onStatus={model.setStatus}
        onDrawer={openDrawer}
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
      {viewing && (
        <div className="version-banner" role="status" data-testid="version-banner" data-version-id={viewing.id} data-state={viewingState}>
          <EyeIcon size={16} />
          <span>
            Viewing <strong>version {viewing.number}</strong>
            {viewingState === 'live' ? ' — live: what visitors run' : viewingState === 'published' ? ' — published (the chatbot is inactive)' : ' — an older version'}
            , read-only. Published {fullDateTime(viewing.publishedAt)}.
          </span>
          <button type="button" className="btn btn--xs" data-testid="back-to-draft" onClick={backToDraft}>
            Back to the draft{model.dirty ? ' (unsaved changes kept)' : ''}
          </button>
        </div>
      )}
      <div className="builder-body">
        <div className={`builder-canvas${frozen ? ' is-frozen' : ''}`}>
          {!readOnly && !frozen && <NodePalette disabled={lang !== draft.defaultLanguage} onAdd={add} />}
          {flowProblems.length > 0 && (
            <div className="builder-canvas__flow-problems">
              {flowProblems.map((p, i) => (
                <span key={i}>⚠ {p.message}</span>
              ))}
            </div>
          )}
          <FlowCanvas
            key={viewing?.id ?? 'draft'}
            draft={shown}
            problems={problems}
            language={lang}
            selectedId={selected}
            runErrors={recentByNode}
            readOnly={readOnly || frozen || lang !== shown.defaultLanguage}
            onSelect={setSelectedId}
            edit={frozen ? ignoreEdit : edit}
          />
        </div>
        <aside className="builder-side" aria-label="Step">
          <div className="builder-side__editor">
            {selected ? (
              <NodeEditor
                flow={shown}
                nodeId={selected}
                language={lang}
                readOnly={readOnly || frozen}
                canManage={canManage}
                runErrorCount={recentByNode.get(selected)?.length ?? 0}
                onShowRunErrors={() => {
                  setDrawer('errors');
                  setErrorFilter(selected);
                }}
                edit={frozen ? ignoreEdit : edit}
                onClose={() => setSelectedId(null)}
              />
            ) : (
              <FlowSettings flow={shown} language={lang} disabled={readOnly || frozen} edit={frozen ? ignoreEdit : edit} />
            )}
          </div>
          {frozen ? (
            <div className="problems problems--frozen">Published versions cannot be edited; go back to the draft to make changes.</div>
          ) : (
            <ProblemsList problems={model.problems} onFocus={focusNode} />
          )}
        </aside>
        {drawer === 'preview' && <PreviewPanel key={viewing?.id ?? 'draft'} flow={shown} onClose={() => setDrawer(null)} />}
        {drawer === 'errors' && (
          <RunErrorsPanel
            errors={runErrors.errors}
            loading={runErrors.loading}
            error={runErrors.error}
            flow={shown}
            versions={versions.versions}
            nodeFilter={errorFilter}
            now={now}
            limit={RUN_ERRORS_LIMIT}
            onClearFilter={() => setErrorFilter(null)}
            onFocusNode={focusNode}
            onRefresh={runErrors.reload}
            onClose={() => setDrawer(null)}
          />
        )}
        {drawer === 'versions' && (
          <VersionsPanel
            chatbot={chatbot}
            model={versions}
            meId={agent.id}
            viewingId={viewing?.id ?? null}
            openingId={opening}
            openError={openError}
            onView={viewVersion}
            onDraft={backToDraft}
            onClose={() => setDrawer(null)}
          />
        )}
      </div>
    </div>
  );
}

function initialDrawer(panel: string | null): BuilderDrawer {
  return panel === 'errors' || panel === 'versions' ? panel : 'preview';
}

const NO_PROBLEMS: Problem[] = [];
const ignoreEdit = (): void => undefined;
