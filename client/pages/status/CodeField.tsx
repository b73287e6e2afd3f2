/** A reference number or access code box of the status look-up, with its hint and its error. */
import { useI18n } from '../../i18n.tsx';

interface CodeFieldProps {
  id: string;
  label: string;
  hint: string;
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
}

export function CodeField({ id, label, hint, value, onChange, error }: CodeFieldProps) {
  const { t } = useI18n();
  return (
    <div className={`field${error ? ' field--error' : ''}`}>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <p id={`${id}-hint`} className="field-hint">
        {hint}
      </p>
      {error && (
        <p id={`${id}-error`} className="field-error">
          <span className="visually-hidden">{t('errorPrefix')}</span>
          {error}
        </p>
      )}
      <input
        id={id}
        className="input input--code"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
      />
    </div>
  );
}
