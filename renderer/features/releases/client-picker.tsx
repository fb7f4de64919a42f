// Choosing the client a request is about: type part of a name, date of birth or chart number and
// pick from the matches (main searches only what this person may see).
import { useQuery } from '@tanstack/react-query';
import { Search } from 'lucide-react';
import { useId, useState, type Ref } from 'react';
import type { ClientSummary } from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { formatCalendarDate } from '../../lib/calendar-date.ts';
import { useDebouncedValue } from '../../lib/use-debounced-value.ts';
import { Button } from '../../ui/button.tsx';
import { CircleAlert } from 'lucide-react';
import { legalName } from '../clients/client-format.tsx';

export interface ClientPickerProps {
  value: ClientSummary | null;
  onChange: (client: ClientSummary | null) => void;
  error?: string | undefined;
  inputRef?: Ref<HTMLInputElement>;
}

export function ClientPicker({ value, onChange, error, inputRef }: ClientPickerProps) {
  const id = useId();
  const [text, setText] = useState('');
  const query = useDebouncedValue(text.trim(), 150);
  const matches = useQuery({
    queryKey: ['clients', 'search', 'release-picker', query],
    queryFn: () => call('clients.search', { query, limit: 8 }),
    enabled: value === null && query !== '',
  });

  if (value)
    return (
      <div className="field">
        <span className="field__label">Client</span>
        <div className="client-chosen">
          <div className="cell-person">
            <span className="cell-person__name">{legalName(value)}</span>
            <span className="cell-person__meta">
              Chart {value.chartNumber} · born {formatCalendarDate(value.dateOfBirth)} ·{' '}
              {value.primaryClinician.displayName}
            </span>
          </div>
          <Button
            size="sm"
            variant="ghost"
            onClick={() => {
              onChange(null);
            }}
          >
            Change client
          </Button>
        </div>
      </div>
    );

  const clients = matches.data?.clients ?? [];
  return (
    <div className={error ? 'field field--invalid client-picker' : 'field client-picker'}>
      <label htmlFor={id} className="field__label">
        Client
      </label>
      <div className="search-box">
        <Search aria-hidden="true" size={17} className="search-box__icon" />
        <input
          ref={inputRef}
          id={id}
          type="search"
          className="input search-box__input"
          placeholder="Name, date of birth or chart number"
          autoComplete="off"
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
          }}
        />
      </div>
      {error && (
        <p id={`${id}-error`} className="field__error">
          <CircleAlert aria-hidden="true" size={14} />
          <span>{error}</span>
        </p>
      )}
      {query !== '' && (
        <ul className="client-picker__results" aria-label="Matching clients">
          {matches.isSuccess && clients.length === 0 && (
            <li className="muted">No client matches “{query}”.</li>
          )}
          {clients.map((c) => (
            <li key={c.id}>
              <button
                type="button"
                className="client-picker__option"
                onClick={() => {
                  onChange(c);
                }}
              >
                <span className="cell-person__name">{legalName(c)}</span>
                <span className="cell-person__meta">
                  Chart {c.chartNumber} · born {formatCalendarDate(c.dateOfBirth)}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
