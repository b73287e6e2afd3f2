/**
 * CSV files that staff open in Excel: UTF-8 with BOM, CRLF, and no cell that Excel would run as a
 * formula (OWASP CSV injection). Used by the queue export, the settlement and the open data.
 */
import { stringify } from 'csv-stringify/sync';

/**
 * Every line of a cell that starts with = + - @ (or tab / CR) is prefixed with ', so that no line
 * of a multi-line cell can become a formula; plain numbers (-300) stay numbers.
 */
export function safeCell(value: string): string {
  if (/^-?\d+(\.\d+)?$/u.test(value)) return value;
  return value
    .split(/(\r\n|\n|\r)/u)
    .map((part, i) => (i % 2 === 0 && /^[=+\-@\t\r]/u.test(part) ? `'${part}` : part))
    .join('');
}

/** Date and time in Japan, as Excel users read it (2026/11/24 8:54:05). */
export function japanTime(iso: string): string {
  return new Date(iso).toLocaleString('ja-JP', { timeZone: 'Asia/Tokyo', hour12: false });
}

/** The whole file: a header row and the records, every cell made safe. */
export function excelCsv(records: readonly (readonly string[])[]): string {
  return stringify(
    records.map((r) => r.map(safeCell)),
    // A cell with a line break, a quote or a comma is quoted, whatever the record delimiter.
    { bom: true, record_delimiter: 'windows', quoted_match: /[\r\n",]/u },
  );
}
