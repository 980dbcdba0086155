import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useT } from '#app/utils/use-app';

/** One address of the registry as /addresses.json gives it. */
export type AddressOption = { id: number; fullRu: string; fullEn: string; lat: number; lng: number };

/**
 * The report form's address field with JavaScript (ADR 057): a WAI-ARIA 1.2 combobox with a list of the registry's
 * matches fetched as the person types. Focus stays in the text box; the arrow keys move the active option
 * (aria-activedescendant), Enter chooses it, Escape closes the list (and, with it closed, clears the text); the
 * number of matches and the choice are announced in a polite live region. Without JavaScript the page shows the
 * "Find" button and radio choices instead.
 */
export function AddressCombobox({ label, onChoose }: { label: string; onChoose: (address: AddressOption) => void }) {
  const { t, locale } = useT();
  const id = useId();
  const [query, setQuery] = useState('');
  const [options, setOptions] = useState<AddressOption[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [status, setStatus] = useState('');
  const latest = useRef<AbortController | null>(null);
  const timer = useRef<number | undefined>(undefined);
  const name = (a: AddressOption) => (locale === 'ru' ? a.fullRu : a.fullEn);
  // Nothing left running when the form goes away.
  useEffect(
    () => () => {
      window.clearTimeout(timer.current);
      latest.current?.abort();
    },
    [],
  );

  /** Asks the registry for the text typed, after a pause in typing; only the newest answer is let in. */
  const search = (text: string) => {
    setQuery(text);
    window.clearTimeout(timer.current);
    latest.current?.abort();
    const q = text.trim();
    if (q.length < 2) {
      setOptions([]);
      setOpen(false);
      setActive(-1);
      return;
    }
    timer.current = window.setTimeout(async () => {
      const controller = new AbortController();
      latest.current = controller;
      try {
        const response = await fetch(`/addresses.json?${new URLSearchParams({ q })}`, { signal: controller.signal, headers: { Accept: 'application/json' } });
        if (!response.ok) throw new Error(String(response.status));
        const { matches } = (await response.json()) as { matches: AddressOption[] };
        setOptions(matches);
        setOpen(true);
        setActive(-1);
        setStatus(matches.length === 0 ? t('reports.noAddressFound') : t('reports.addressFound', { n: matches.length }));
      } catch (error) {
        if ((error as Error).name === 'AbortError') return;
        setOptions([]);
        setOpen(false);
        setStatus(t('reports.addressSearchFailed'));
      }
    }, 250);
  };

  const choose = (a: AddressOption) => {
    window.clearTimeout(timer.current);
    latest.current?.abort();
    setQuery(name(a));
    setOptions([]);
    setOpen(false);
    setActive(-1);
    setStatus(t('reports.addressChosen', { address: name(a) }));
    onChoose(a);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const count = options.length;
    switch (event.key) {
      case 'ArrowDown':
        if (count === 0) return;
        event.preventDefault();
        setOpen(true);
        setActive((i) => (i + 1) % count);
        return;
      case 'ArrowUp':
        if (count === 0) return;
        event.preventDefault();
        setOpen(true);
        setActive((i) => (i <= 0 ? count - 1 : i - 1));
        return;
      case 'Enter':
        // Enter in the box never submits the report by accident: it chooses, or does nothing.
        event.preventDefault();
        if (open && active >= 0 && options[active]) choose(options[active]);
        return;
      case 'Escape':
        if (open) {
          event.preventDefault();
          setOpen(false);
          setActive(-1);
        } else if (query) {
          event.preventDefault();
          search('');
        }
        return;
    }
  };

  const listId = `${id}-list`;
  const hintId = `${id}-hint`;
  const optionId = (i: number) => `${id}-option-${i}`;
  const expanded = open && options.length > 0;
  return (
    <div className="field combobox">
      <label htmlFor={`${id}-input`}>{label}</label>
      <p className="field__hint" id={hintId}>
        {t('reports.comboboxHint')}
      </p>
      <input
        id={`${id}-input`}
        type="text"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
        aria-describedby={hintId}
        autoComplete="off"
        spellCheck={false}
        value={query}
        onChange={(e) => search(e.target.value)}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
        data-testid="address-combobox"
      />
      <ul id={listId} role="listbox" aria-label={label} className="combobox__list" hidden={!expanded}>
        {options.map((a, i) => (
          <li
            key={a.id}
            id={optionId(i)}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'combobox__option combobox__option--active' : 'combobox__option'}
            // Chosen on mouse down, before the box's blur closes the list.
            onMouseDown={(e) => {
              e.preventDefault();
              choose(a);
            }}
          >
            {name(a)}
          </li>
        ))}
      </ul>
      <p role="status" aria-live="polite" className="visually-hidden" data-testid="address-combobox-status">
        {status}
      </p>
    </div>
  );
}
