import type { ConditionField, Targeting } from '@parley/targeting';
import { useCallback, useEffect, useMemo } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import '../styles/targeting.css';
import { useAuthenticated } from '../auth/SessionContext';
import { canEditChatbots } from '../chatbots/canEdit';
import { AlertIcon, BackIcon, SearchIcon } from '../components/icons';
import { FullPageMessage } from '../components/FullPageMessage';
import { ConditionTree } from './ConditionTree';
import { ErrorList } from './Notes';
import { BehaviorSection, FieldPalette, SchedulingNote, TriggerSection } from './Sections';
import { withConditions } from './state/document';
import { localToday, newCondition } from './state/fields';
import { addCondition, addGroup, countConditions, moveItem, parsePathKey, pathKey, removeAt, setMatch, updateCondition } from './state/tree';
import { useTargetingEditor } from './useTargetingEditor';

/**
 * `/app/chatbots/:id/settings`: who sees the chatbot, when and where — the
 * trigger (When), one all/any tree of conditions (Where, Audience,
 * Scheduling) and the frequency and priority (Behavior). Lazy-loaded with
 * @parley/targeting, which checks and lints the document as it is edited.
 * `?path=0.1` highlights a condition (the debugger links here).
 */
export function TargetingPage() {
  const { id = '' } = useParams();
  const { agent } = useAuthenticated();
  const readOnly = !canEditChatbots(agent.role);
  const editor = useTargetingEditor(id);
  const [search, setSearch] = useSearchParams();
  const highlightPath = parsePathKey(search.get('path'));
  const highlighted = highlightPath === null ? null : pathKey(highlightPath);
  const today = useMemo(() => localToday(), []);

  const ready = editor.targeting !== null;
  useEffect(() => {
    if (!ready || highlighted === null) return;
    const el = document.querySelector(`[data-highlighted="true"]`);
    el?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, [ready, highlighted]);

  const { edit } = editor;
  /** A change of the tree; the highlight from a link goes, its path may not name the same condition any more. */
  const editTree = useCallback(
    (change: (t: Targeting) => Targeting) => {
      edit(change);
      if (search.has('path')) {
        const next = new URLSearchParams(search);
        next.delete('path');
        setSearch(next, { replace: true });
      }
    },
    [edit, search, setSearch],
  );

  if (editor.loadError) {
    return (
      <FullPageMessage>
        <p className="form-error">{editor.loadError}</p>
        <Link to="/chatbots" className="btn">
          Back to the chatbots
        </Link>
      </FullPageMessage>
    );
  }
  if (editor.targeting === null || editor.errors === null) return <FullPageMessage busy>Loading the targeting…</FullPageMessage>;

  const t = editor.targeting;
  const errors = editor.errors;
  const chatbotName = editor.chatbot?.name ?? 'Chatbot';
  const conditionCount = countConditions(t.conditions);
  const addField = (field: ConditionField) =>
    editTree((doc) => {
      const added = addCondition(doc.conditions, [], newCondition(today, field));
      return added ? withConditions(doc, added.root) : doc;
    });

  return (
    <div className="tpage" data-testid="targeting-page" data-chatbot-id={id} data-read-only={readOnly || undefined}>
      <header className="tpage__head">
        <Link to="/chatbots" className="btn btn--ghost btn--icon btn--sm" aria-label="All chatbots">
          <BackIcon size={18} />
        </Link>
        <h1 className="tpage__name">{chatbotName}</h1>
        <nav className="ttabs" aria-label="Chatbot">
          <Link className="ttabs__tab" to={`/chatbots/${encodeURIComponent(id)}`} data-testid="tab-flow">
            Flow
          </Link>
          <span className="ttabs__tab is-active" aria-current="page" data-testid="tab-targeting">
            Targeting
          </span>
          <Link className="ttabs__tab" to={`/chatbots/${encodeURIComponent(id)}/insights`} data-testid="chatbot-insights-link">
            Insights
          </Link>
        </nav>
        {editor.chatbot && (
          <span className={`chip ${editor.chatbot.status === 'active' ? 'chip--bot' : 'chip--muted'}`} data-testid="chatbot-status-chip">
            {editor.chatbot.status === 'active' ? 'Active' : 'Inactive'}
          </span>
        )}
        {editor.dirty && (
          <span className="tpage__state is-dirty" data-testid="targeting-unsaved">
            Unsaved changes
          </span>
        )}
        <span className="tpage__spacer" />
        <Link to="/chatbots/debugger" className="btn btn--sm btn--ghost" data-testid="open-debugger">
          <SearchIcon size={14} /> Debugger
        </Link>
        {!readOnly && (
          <button
            type="button"
            className="btn btn--sm btn--primary"
            data-testid="save-targeting"
            disabled={editor.saving || !editor.dirty}
            onClick={() => void editor.save()}
          >
            {editor.saving ? 'Saving…' : 'Save'}
          </button>
        )}
      </header>

      <div className="tpage__body">
        <div className="tpage__column">
          {readOnly && (
            <p className="tbanner" data-testid="targeting-read-only">
              Only owners and admins can change the targeting; you can look.
            </p>
          )}
          {editor.flash && (
            <div
              className={`tflash tflash--${editor.flash.kind}`}
              role={editor.flash.kind === 'error' ? 'alert' : 'status'}
              data-testid="targeting-flash"
              data-kind={editor.flash.kind}
            >
              {editor.flash.kind === 'error' && <AlertIcon size={15} />}
              <span>{editor.flash.text}</span>
              <button type="button" className="btn btn--ghost btn--xs" onClick={editor.dismissFlash} aria-label="Dismiss">
                ×
              </button>
            </div>
          )}
          {errors.document.length > 0 && (
            <div data-testid="document-errors">
              <ErrorList errors={errors.document} />
            </div>
          )}

          <TriggerSection
            trigger={t.trigger}
            readOnly={readOnly}
            errors={errors.trigger}
            onTrigger={(trigger) => edit((doc) => ({ ...doc, trigger }))}
          />

          <section className="tcard" data-testid="targeting-section" data-section="conditions" id="conditions" aria-labelledby="conditions-title">
            <header className="tcard__head">
              <h2 id="conditions-title">Where, audience and scheduling</h2>
              <p className="muted">
                Conditions on the page, the visitor and the moment.{' '}
                <span data-testid="targeting-summary">
                  {conditionCount} condition{conditionCount === 1 ? '' : 's'}
                  {editor.warningCount > 0 && (
                    <>
                      {' · '}
                      <span className="tsummary__warnings" data-testid="targeting-warning-count" data-count={editor.warningCount}>
                        {editor.warningCount} warning{editor.warningCount === 1 ? '' : 's'}
                      </span>
                    </>
                  )}
                </span>
              </p>
            </header>
            <ConditionTree
              root={t.conditions}
              readOnly={readOnly}
              errors={errors}
              warnings={editor.warnings}
              highlighted={highlighted}
              today={today}
              onCondition={(path, change) => edit((doc) => withConditions(doc, updateCondition(doc.conditions, path, change)))}
              onMatch={(path, match) => edit((doc) => withConditions(doc, setMatch(doc.conditions, path, match)))}
              onAddCondition={(groupPath) =>
                editTree((doc) => {
                  const added = addCondition(doc.conditions, groupPath, newCondition(today));
                  return added ? withConditions(doc, added.root) : doc;
                })
              }
              onAddGroup={(groupPath) =>
                editTree((doc) => {
                  const added = addGroup(doc.conditions, groupPath, newCondition(today));
                  return added ? withConditions(doc, added.root) : doc;
                })
              }
              onRemove={(path) => editTree((doc) => withConditions(doc, removeAt(doc.conditions, path)))}
              onMove={(path, delta) =>
                editTree((doc) => {
                  const moved = moveItem(doc.conditions, path, delta);
                  return moved ? withConditions(doc, moved.root) : doc;
                })
              }
            />
            {!readOnly && <FieldPalette onAdd={addField} timeZone={editor.workspace?.timeZone ?? null} />}
            <SchedulingNote workspace={editor.workspace} />
          </section>

          <BehaviorSection
            chatbotId={id}
            frequency={t.frequency}
            priorityText={editor.priorityText}
            others={editor.others}
            readOnly={readOnly}
            errors={{ frequency: errors.frequency, priority: errors.priority }}
            onFrequency={(frequency) => edit((doc) => ({ ...doc, frequency }))}
            onPriority={editor.setPriorityText}
          />
        </div>
      </div>
    </div>
  );
}
