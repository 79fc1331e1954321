import { validateFlow, type FlowDocument, type Problem } from '@parley/flow';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ApiError, api, errorMessage } from '../api/client';
import type { Chatbot } from '../api/types';

export type BuilderBusy = 'save' | 'publish' | 'status' | null;

export interface BuilderModel {
  chatbot: Chatbot | null;
  loadError: string | null;
  draft: FlowDocument | null;
  dirty: boolean;
  /** Local validation of the draft as it is now, or the server's publish answer until the next edit. */
  problems: Problem[];
  /** `400` issues of the last save. */
  saveIssues: { path: string; message: string }[];
  busy: BuilderBusy;
  error: string | null;
  notice: string | null;
  edit(change: (flow: FlowDocument) => FlowDocument): void;
  save(): Promise<boolean>;
  publish(): Promise<void>;
  setStatus(status: 'active' | 'inactive'): void;
  dismiss(): void;
}

/** The builder's data: load, local edits, save, publish, status. */
export function useBuilder(id: string): BuilderModel {
  const [chatbot, setChatbot] = useState<Chatbot | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [draft, setDraft] = useState<FlowDocument | null>(null);
  const [savedJson, setSavedJson] = useState('');
  const [serverProblems, setServerProblems] = useState<Problem[] | null>(null);
  const [saveIssues, setSaveIssues] = useState<{ path: string; message: string }[]>([]);
  const [busy, setBusy] = useState<BuilderBusy>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const draftRef = useRef<FlowDocument | null>(null);
  draftRef.current = draft;

  const adopt = useCallback((next: Chatbot, replaceDraft: boolean) => {
    setChatbot(next);
    const json = JSON.stringify(next.draft);
    setSavedJson(json);
    if (replaceDraft) setDraft(next.draft);
  }, []);

  useEffect(() => {
    const ctrl = new AbortController();
    setChatbot(null);
    setDraft(null);
    setLoadError(null);
    api
      .chatbot(id, ctrl.signal)
      .then((res) => adopt(res.chatbot, true))
      .catch((err: unknown) => {
        if (!ctrl.signal.aborted) setLoadError(errorMessage(err));
      });
    return () => ctrl.abort();
  }, [id, adopt]);

  const dirty = draft !== null && JSON.stringify(draft) !== savedJson;

  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const localProblems = useMemo(() => (draft ? validateFlow(draft) : []), [draft]);

  const edit = useCallback((change: (flow: FlowDocument) => FlowDocument) => {
    const current = draftRef.current;
    if (!current) return;
    const next = change(current);
    if (next === current) return;
    draftRef.current = next;
    setDraft(next);
    setServerProblems(null);
    setNotice(null);
  }, []);

  const save = useCallback(async (): Promise<boolean> => {
    const current = draftRef.current;
    if (!current) return false;
    setBusy('save');
    setError(null);
    setSaveIssues([]);
    try {
      const res = await api.saveDraft(id, current);
      // Keep edits made while the request was in flight: only the saved copy moves.
      setChatbot(res.chatbot);
      setSavedJson(JSON.stringify(current));
      return true;
    } catch (err) {
      if (err instanceof ApiError && err.status === 400 && err.issues.length > 0) {
        setSaveIssues(err.issues.map((issue) => ({ ...issue, path: issue.path.replace(/^body\.draft\.?/, '') })));
        setError('The draft was not saved: it does not fit the chatbot format.');
      } else {
        setError(errorMessage(err));
      }
      return false;
    } finally {
      setBusy(null);
    }
  }, [id]);

  const publish = useCallback(async () => {
    const current = draftRef.current;
    if (!current) return;
    if (JSON.stringify(current) !== savedJson && !(await save())) return;
    setBusy('publish');
    setError(null);
    try {
      const res = await api.publishChatbot(id);
      setChatbot(res.chatbot);
      setServerProblems(null);
      setNotice(`Published version ${res.version.number}.`);
    } catch (err) {
      if (err instanceof ApiError && err.status === 422) {
        setServerProblems(err.problems);
        setError(`Not published: ${err.problems.length} problem${err.problems.length === 1 ? '' : 's'} to fix.`);
      } else {
        setError(errorMessage(err));
      }
    } finally {
      setBusy(null);
    }
  }, [id, save, savedJson]);

  const setStatus = useCallback(
    (status: 'active' | 'inactive') => {
      setBusy('status');
      setError(null);
      api
        .updateChatbot(id, { status })
        .then((res) => setChatbot(res.chatbot))
        .catch((err: unknown) => setError(errorMessage(err)))
        .finally(() => setBusy(null));
    },
    [id],
  );

  return {
    chatbot,
    loadError,
    draft,
    dirty,
    problems: serverProblems ?? localProblems,
    saveIssues,
    busy,
    error,
    notice,
    edit,
    save,
    publish,
    setStatus,
    dismiss: () => {
      setError(null);
      setNotice(null);
      setSaveIssues([]);
    },
  };
}
