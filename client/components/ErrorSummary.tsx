/**
 * The error summary at the top of a page: receives focus when it appears, and each entry links
 * to the field (focusing the first control inside groups such as radio buttons).
 */
import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../i18n.tsx';

export interface SummaryItem {
  /** Element id to focus, or a URL for errors on another page. */
  target: string;
  message: string;
}

export function focusField(id: string): void {
  const el = document.getElementById(id);
  if (!el) return;
  const control = el.matches('input, select, textarea, button') ? el : el.querySelector<HTMLElement>('input, select, textarea, button');
  (control ?? el).focus();
  (control ?? el).scrollIntoView({ block: 'center' });
}

/** Errors in the order their fields come on the page (a validator reports missing answers first). */
export function inPageOrder(items: SummaryItem[]): SummaryItem[] {
  const at = (item: SummaryItem) => (item.target.startsWith('/') ? null : document.getElementById(item.target));
  return items
    .map((item, index) => ({ item, index, el: at(item) }))
    .sort((a, b) => {
      if (a.el && b.el && a.el !== b.el) return a.el.compareDocumentPosition(b.el) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
      return a.index - b.index;
    })
    .map((x) => x.item);
}

export function ErrorSummary({ items, title }: { items: SummaryItem[]; title?: string }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (items.length > 0) ref.current?.focus();
  }, [items]);
  if (items.length === 0) return null;
  return (
    <div className="error-summary" ref={ref} tabIndex={-1} role="alert" aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{title ?? t('errorSummaryTitle')}</h2>
      <p>{t('errorSummaryLead')}</p>
      <ul>
        {items.map((item) => (
          <li key={`${item.target}-${item.message}`}>
            {item.target.startsWith('/') ? (
              <Link to={item.target}>{item.message}</Link>
            ) : (
              <a
                href={`#${item.target}`}
                onClick={(e) => {
                  e.preventDefault();
                  focusField(item.target);
                }}
              >
                {item.message}
              </a>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
