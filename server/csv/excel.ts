/**
 * CSV files that staff open in Excel: UTF-8 with BOM, CRLF, and no cell that Excel would run as a
 * formula (OWASP CSV injection). Used by the queue export, the settlement and the open data.
 */
import { stringify } from 'csv-stringify/sync';

/** A cell starting with = + - @ (or tab / CR) is prefixed with '; plain numbers (-300) stay numbers. */
export function safeCell(value: string): string {
  if (/^-?\d+(\.\d+)?$/u.test(value)) return value;
  return /^[=+\-@\t\r]/u.test(value) ? `'${value}` : value;
}

/** Date and time in Japan, as Excel users read it (2026/11/24 8:54:05). */
export function japanTime(iso: string): string {
  return new Date(iso).toLocaleString('ja-JP', { timeZone: 'Asia/Tokyo', hour12: false });
}

/** The whole file: a header row and the records, every cell made safe. */
export function excelCsv(records: readonly (readonly string[])[]): string {
  return stringify(
    records.map((r) => r.map(safeCell)),
    { bom: true, record_delimiter: 'windows' },
  );
}
