/**
 * Date entry the way residents think of dates: an era (令和, 平成, 昭和 ... or 西暦), the year in
 * that era (元 accepted), month and day. The stored value is an ISO date; an incomplete or
 * impossible date is kept as "wareki:era:year:month:day", which fails the schema's `date`
 * format, so the resident sees the error and their partial input survives a reload.
 */
import type { WidgetProps } from '@rjsf/utils';
import { useMemo, useState } from 'react';
import { ERAS, formatDateBoth, fromWareki, parseEraYear, toWareki } from '../../shared/japanese/wareki.ts';
import { japanToday } from '../../shared/forms/date-bounds.ts';
import type { SchemaNode } from '../../shared/forms/types.ts';
import { erasFor, type EraChoice } from './era-choice.ts';
import { nfkc } from '../../shared/japanese/normalize.ts';
import { useI18n } from '../i18n.tsx';
import { useFieldAria } from './widgets.tsx';

interface Parts {
  era: EraChoice;
  year: string;
  month: string;
  day: string;
}

function partsFromValue(value: unknown, emptyEra: EraChoice): Parts {
  if (typeof value === 'string' && value.startsWith('wareki:')) {
    const [, era = emptyEra, year = '', month = '', day = ''] = value.split(':');
    return { era: era as EraChoice, year, month, day };
  }
  const w = typeof value === 'string' ? toWareki(value) : null;
  if (w) return { era: w.era.key, year: w.year === 1 ? '元' : String(w.year), month: String(w.month), day: String(w.day) };
  return { era: emptyEra, year: '', month: '', day: '' };
}

function toValue(p: Parts): string | undefined {
  if (!p.year && !p.month && !p.day) return undefined;
  const month = Number(nfkc(p.month));
  const day = Number(nfkc(p.day));
  if (p.era === 'seireki') {
    const y = nfkc(p.year).trim();
    const iso = `${y.padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    if (/^\d{4}$/u.test(y) && toWareki(iso)) return iso;
  } else {
    const year = parseEraYear(p.year);
    const iso = year && Number.isInteger(month) && Number.isInteger(day) ? fromWareki(p.era, year, month, day) : null;
    if (iso) return iso;
  }
  return `wareki:${p.era}:${p.year}:${p.month}:${p.day}`;
}

export function WarekiDateWidget(props: WidgetProps) {
  const { t, lang } = useI18n();
  const { id, value, onChange, onBlur, disabled, readonly, schema } = props;
  const { eras, emptyEra } = useMemo(() => erasFor(schema as SchemaNode, japanToday(new Date()), lang), [schema, lang]);
  const [parts, setParts] = useState<Parts>(() => partsFromValue(value, emptyEra));
  // An answer kept from before (a draft) stays selectable even when its era is not offered.
  const offered =
    parts.era === 'seireki' || eras.some((e) => e.key === parts.era) ? eras : ERAS.filter((e) => eras.includes(e) || e.key === parts.era);
  const seirekiOption = <option value="seireki">{t('seireki')}</option>;
  const update = (patch: Partial<Parts>) => {
    const next = { ...parts, ...patch };
    setParts(next);
    onChange(toValue(next));
  };
  // The date's fieldset carries its hint and error (FieldTemplate); each box says it is invalid.
  const aria = useFieldAria();
  const iso = typeof value === 'string' && !value.startsWith('wareki:') ? value : null;
  const common = {
    disabled: disabled || readonly,
    ...aria,
    onBlur: () => onBlur(id, value),
  };
  return (
    <div className="date-input">
      <div className="date-input__item">
        <label htmlFor={id}>{t('era')}</label>
        <select id={id} value={parts.era} onChange={(e) => update({ era: e.target.value as EraChoice })} {...common}>
          {lang === 'en' && seirekiOption}
          {offered.map((era) => (
            <option key={era.key} value={era.key}>
              {lang === 'ja' ? era.ja : era.en}
            </option>
          ))}
          {lang === 'ja' && seirekiOption}
        </select>
      </div>
      <div className="date-input__item">
        <label htmlFor={`${id}-year`}>{t('eraYear')}</label>
        <input
          id={`${id}-year`}
          className="input-w4"
          inputMode={parts.era === 'seireki' ? 'numeric' : 'text'}
          autoComplete="off"
          value={parts.year}
          onChange={(e) => update({ year: e.target.value })}
          {...common}
        />
      </div>
      <div className="date-input__item">
        <label htmlFor={`${id}-month`}>{t('month')}</label>
        <input
          id={`${id}-month`}
          className="input-w2"
          inputMode="numeric"
          autoComplete="off"
          value={parts.month}
          onChange={(e) => update({ month: e.target.value })}
          {...common}
        />
      </div>
      <div className="date-input__item">
        <label htmlFor={`${id}-day`}>{t('day')}</label>
        <input
          id={`${id}-day`}
          className="input-w2"
          inputMode="numeric"
          autoComplete="off"
          value={parts.day}
          onChange={(e) => update({ day: e.target.value })}
          {...common}
        />
      </div>
      {iso && (
        <p className="date-input__equivalent" aria-live="polite">
          {formatDateBoth(iso, lang)}
        </p>
      )}
    </div>
  );
}
