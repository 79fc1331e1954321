import { checkTargeting, lintTargeting, type LintWarning, type Targeting } from '@parley/targeting';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ApiError, api, errorMessage } from '../api/client';
import type { ChatbotSummary, WorkspaceSettings } from '../api/types';
import { isDirty, parsePriority } from './state/document';
import { indexErrors, indexWarnings, liveErrors, mergeErrors, serverErrors, warningsBesideErrors, type ErrorIndex, type ShownError } from './state/issues';

export interface Saved {
  targeting: Targeting;
  priority: number;
  warnings: LintWarning[];
}

export interface TargetingEditor {
  chatbot: ChatbotSummary | null;
  /** Every chatbot of the workspace (for the priorities beside this one). */
  others: ChatbotSummary[];
  workspace: WorkspaceSettings | null;
  loadError: string | null;
  targeting: Targeting | null;
  priorityText: string;
  dirty: boolean;
  saving: boolean;
  /** Errors by place: the last refused save's (until the next edit) and the checker's, live. */
  errors: ErrorIndex | null;
  errorCount: number;
  /** The linter's: the server's for the saved document, live while it differs. */
  warnings: Map<string, LintWarning[]>;
  warningCount: number;
  warningsLive: boolean;
  flash: { kind: 'ok' | 'error'; text: string } | null;
  edit(change: (targeting: Targeting) => Targeting): void;
  setPriorityText(text: string): void;
  save(): Promise<void>;
  dismissFlash(): void;
}

/** The settings page's data: load the chatbot's targeting, edit it, check and lint it live, save it. */
export function useTargetingEditor(id: string): TargetingEditor {
  const [chatbot, setChatbot] = useState<ChatbotSummary | null>(null);
  const [others, setOthers] = useState<ChatbotSummary[]>([]);
  const [workspace, setWorkspace] = useState<WorkspaceSettings | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [saved, setSaved] = useState<Saved | null>(null);
  const [targeting, setTargeting] = useState<Targeting | null>(null);
  const [priorityText, setPriorityTextState] = useState('0');
  const [refused, setRefused] = useState<ShownError[]>([]);
  const [saving, setSaving] = useState(false);
  const [flash, setFlash] = useState<TargetingEditor['flash']>(null);
  const current = useRef<{ targeting: Targeting | null; priorityText: string }>({ targeting: null, priorityText: '0' });
  current.current = { targeting, priorityText };

  useEffect(() => {
    const ctrl = new AbortController();
    setLoadError(null);
    setSaved(null);
    setTargeting(null);
    Promise.all([api.targeting(id, ctrl.signal), api.chatbots(ctrl.signal)])
      .then(([answer, list]) => {
        setSaved(answer);
        setTargeting(answer.targeting);
        setPriorityTextState(String(answer.priority));
        setChatbot(list.chatbots.find((c) => c.id === id) ?? null);
        setOthers(list.chatbots);
      })
      .catch((err: unknown) => {
        if (!ctrl.signal.aborted) setLoadError(errorMessage(err));
      });
    // the time zone and office hours are context only: a failure leaves the note out
    api
      .workspaceSettings(ctrl.signal)
      .then(setWorkspace)
      .catch(() => undefined);
    return () => ctrl.abort();
  }, [id]);

  const priority = parsePriority(priorityText);
  const dirty = saved !== null && targeting !== null && isDirty({ targeting, priority: priority.ok ? priority.value : null }, saved);

  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const live = useMemo(() => {
    if (targeting === null) return { errors: [] as ShownError[], warnings: [] as LintWarning[] };
    const checked = checkTargeting(targeting);
    let warnings: LintWarning[] = [];
    try {
      warnings = lintTargeting(checked.ok ? checked.targeting : targeting);
    } catch {
      // a document the linter cannot read: the checker's errors say why
    }
    return { errors: checked.ok ? [] : liveErrors(checked.issues), warnings };
  }, [targeting]);

  const priorityProblem = priority.ok ? null : priority.message;
  const shownErrors = useMemo(() => {
    const merged = mergeErrors(refused, live.errors);
    if (priorityProblem !== null && !merged.some((e) => e.place.kind === 'priority')) {
      merged.push({ place: { kind: 'priority' }, message: priorityProblem, code: null, source: 'live' });
    }
    return merged;
  }, [refused, live.errors, priorityProblem]);

  const warningsLive = dirty || saved === null;
  const warningList = warningsBesideErrors(warningsLive ? live.warnings : (saved?.warnings ?? []), shownErrors);
  const errors = targeting ? indexErrors(shownErrors, targeting.conditions) : null;
  const warnings = targeting ? indexWarnings(warningList, targeting.conditions) : new Map<string, LintWarning[]>();

  const edit = useCallback((change: (t: Targeting) => Targeting) => {
    const before = current.current.targeting;
    if (before === null) return;
    const next = change(before);
    if (next === before) return;
    current.current = { ...current.current, targeting: next };
    setTargeting(next);
    setRefused([]);
    setFlash(null);
  }, []);

  const setPriorityText = useCallback((text: string) => {
    setPriorityTextState(text);
    setRefused((list) => list.filter((e) => e.place.kind !== 'priority'));
    setFlash(null);
  }, []);

  const save = useCallback(async () => {
    const sent = current.current;
    if (sent.targeting === null) return;
    const p = parsePriority(sent.priorityText);
    if (!p.ok) {
      setFlash({ kind: 'error', text: `Not saved: ${p.message.toLowerCase()}.` });
      return;
    }
    setSaving(true);
    setFlash(null);
    setRefused([]);
    try {
      const answer = await api.saveTargeting(id, sent.targeting, p.value);
      setSaved(answer);
      // edits made while the request was in flight stay; otherwise take the stored document (defaults filled in)
      if (current.current.targeting === sent.targeting) setTargeting(answer.targeting);
      if (current.current.priorityText === sent.priorityText) setPriorityTextState(String(answer.priority));
      setChatbot((c) => (c ? { ...c, priority: answer.priority } : c));
      setOthers((list) => list.map((c) => (c.id === id ? { ...c, priority: answer.priority } : c)));
      const n = answer.warnings.length;
      setFlash({ kind: 'ok', text: n === 0 ? 'Targeting saved.' : `Targeting saved, with ${n} warning${n === 1 ? '' : 's'} to look at.` });
    } catch (err) {
      if (err instanceof ApiError && err.status === 400) {
        const list = serverErrors(err.issues, err.message);
        setRefused(list);
        setFlash({
          kind: 'error',
          text: `Not saved: ${list.length === 1 ? 'fix the problem' : `fix the ${list.length} problems`} marked below.`,
        });
      } else {
        setFlash({ kind: 'error', text: errorMessage(err) });
      }
    } finally {
      setSaving(false);
    }
  }, [id]);

  let warningCount = 0;
  for (const list of warnings.values()) warningCount += list.length;

  return {
    chatbot,
    others,
    workspace,
    loadError,
    targeting,
    priorityText,
    dirty,
    saving,
    errors,
    errorCount: shownErrors.length,
    warnings,
    warningCount,
    warningsLive,
    flash,
    edit,
    setPriorityText,
    save,
    dismissFlash: () => setFlash(null),
  };
}
