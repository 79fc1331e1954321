import { useState, type FormEvent } from 'react';

interface Props {
  busy: boolean;
  onCreate(name: string): void;
  onCancel(): void;
}

/** Name a new chatbot; the server creates it with a starter draft. */
export function NewChatbotForm({ busy, onCreate, onCancel }: Props) {
  const [name, setName] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (name.trim()) onCreate(name.trim());
  };
  return (
    <form className="bot-new" onSubmit={submit}>
      <label className="field bot-new__field">
        <span className="field__label">Name</span>
        <input
          className="input"
          name="chatbot-name"
          autoFocus
          maxLength={100}
          placeholder="e.g. Welcome bot"
          value={name}
          onChange={(e) => setName(e.target.value)}
          onKeyDown={(e) => e.key === 'Escape' && onCancel()}
        />
      </label>
      <button type="submit" className="btn btn--primary" disabled={busy || !name.trim()} data-testid="create-chatbot">
        {busy ? 'Creating…' : 'Create and open'}
      </button>
      <button type="button" className="btn btn--ghost" onClick={onCancel}>
        Cancel
      </button>
    </form>
  );
}
