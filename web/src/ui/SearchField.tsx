import { useState, type FormEvent } from 'react';

interface SearchFieldProps {
  label: string;
  /** Value currently applied, from the URL. */
  value: string;
  onSearch: (value: string) => void;
}

/**
 * Renders a text filter that applies on Enter or with its button rather than
 * on every keystroke, so typing a number sends one request.
 */
export function SearchField({ label, value, onSearch }: SearchFieldProps) {
  const [draft, setDraft] = useState(value);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onSearch(draft.trim());
  }

  return (
    <form className="search-field" role="search" onSubmit={handleSubmit}>
      <label className="field">
        <span>{label}</span>
        <input type="search" value={draft} onChange={(event) => setDraft(event.target.value)} />
      </label>
      <button type="submit">Search</button>
    </form>
  );
}
