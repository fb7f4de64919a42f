// The type-ahead over the shipped ICD-10-CM list: an ARIA combobox (input + listbox) searched in
// main by code ("F41", "f41.1") or by words ("panic"). Arrow keys move through the options, Enter
// chooses, Escape closes the list; the chosen code and its words show under the field.
import { useQuery } from '@tanstack/react-query';
import { Search } from 'lucide-react';
import { useEffect, useState, type KeyboardEvent, type Ref } from 'react';
import type { CodeMatch } from '../../../preload/contract/diagnoses.ts';
import { useDebouncedValue } from '../../lib/use-debounced-value.ts';
import { codeSearchQuery } from './diagnosis-queries.ts';

interface Props {
  /** The input's id, for its label. */
  id: string;
  /** The chosen code, or null. */
  value: CodeMatch | null;
  onChange: (match: CodeMatch | null) => void;
  inputRef?: Ref<HTMLInputElement>;
  invalid?: boolean;
  describedBy?: string | undefined;
  autoFocus?: boolean;
}

export function CodeCombobox({ id, value, onChange, inputRef, invalid, describedBy, autoFocus }: Props) {
  const listId = `${id}-list`;
  const [text, setText] = useState(value ? `${value.code} ${value.description}` : '');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const typed = useDebouncedValue(text, 80);
  const search = useQuery({ ...codeSearchQuery(typed), enabled: open && typed.trim() !== '' });
  const matches = open ? (search.data?.matches ?? []) : [];
  const showList = open && typed.trim() !== '' && search.isSuccess;

  // The option the arrow keys reach stays in view in a long list.
  useEffect(() => {
    if (showList)
      document.getElementById(`${id}-opt-${String(active)}`)?.scrollIntoView({ block: 'nearest' });
  }, [active, showList, id]);

  const choose = (m: CodeMatch): void => {
    onChange(m);
    setText(`${m.code} ${m.description}`);
    setOpen(false);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        setOpen(true);
        setActive((a) => (matches.length === 0 ? 0 : (a + 1) % matches.length));
        break;
      case 'ArrowUp':
        event.preventDefault();
        setActive((a) => (matches.length === 0 ? 0 : (a - 1 + matches.length) % matches.length));
        break;
      case 'Enter': {
        const m = matches[active];
        if (showList && m) {
          event.preventDefault();
          choose(m);
        }
        break;
      }
      case 'Escape':
        if (open) {
          // Closes the list, not the dialog around it.
          event.preventDefault();
          event.stopPropagation();
          setOpen(false);
        }
        break;
      default:
        break;
    }
  };

  return (
    <div className="code-combobox">
      <div className="code-combobox__field">
        <Search className="code-combobox__icon" aria-hidden="true" size={16} />
        <input
          id={id}
          ref={inputRef}
          className="input code-combobox__input"
          role="combobox"
          aria-expanded={showList}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={showList && matches[active] ? `${id}-opt-${String(active)}` : undefined}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
          autoFocus={autoFocus}
          autoComplete="off"
          spellCheck={false}
          placeholder="Code or words, for example F41.1 or panic"
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            setActive(0);
            setOpen(true);
            if (value) onChange(null);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => {
            setOpen(false);
          }}
          onFocus={() => {
            if (!value && text.trim() !== '') setOpen(true);
          }}
        />
      </div>
      <ul
        id={listId}
        role="listbox"
        aria-label="ICD-10-CM codes"
        className="code-combobox__list"
        hidden={!showList}
      >
        {matches.map((m, i) => (
          <li
            key={m.code}
            id={`${id}-opt-${String(i)}`}
            role="option"
            aria-selected={i === active}
            className="code-combobox__option"
            // Chosen before the input's blur closes the list.
            onMouseDown={(event) => {
              event.preventDefault();
              choose(m);
            }}
            onMouseMove={() => {
              setActive(i);
            }}
          >
            <span className="code-combobox__code">{m.code}</span>
            <span className="code-combobox__words">{m.description}</span>
          </li>
        ))}
        {showList && matches.length === 0 && (
          <li role="option" aria-selected={false} aria-disabled="true" className="code-combobox__none">
            No code in the shipped list matches. Check the code, or enter one that is not in the list.
          </li>
        )}
      </ul>
    </div>
  );
}
