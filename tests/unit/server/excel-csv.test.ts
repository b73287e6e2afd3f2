import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { excelCsv, safeCell } from '../../../server/csv/excel.ts';

describe('CSV for Excel', () => {
  it('neutralises every line of a cell that would start a formula, and leaves numbers alone', () => {
    expect(safeCell('=1+1')).toBe("'=1+1");
    expect(safeCell('本町1\n=cmd|x\r\n+2\r@3')).toBe("本町1\n'=cmd|x\r\n'+2\r'@3");
    expect(safeCell('-300')).toBe('-300');
    expect(safeCell('-300円')).toBe("'-300円");
    expect(safeCell('\tx')).toBe("'\tx");
  });

  it('quotes cells with line breaks, quotes or commas, so a parser reads back the same rows and cells', () => {
    const records = [
      ['a', 'b', 'c'],
      ['本町1\n=cmd', 'say "hi"', 'x,y'],
      ['\t=1', '-5', 'plain'],
    ];
    const file = excelCsv(records);
    expect(file.startsWith('\uFEFF')).toBe(true);
    expect(file.endsWith('\r\n')).toBe(true);
    const back = parse(file.slice(1)) as string[][];
    expect(back).toEqual([
      ['a', 'b', 'c'],
      ["本町1\n'=cmd", 'say "hi"', 'x,y'],
      ["'\t=1", '-5', 'plain'],
    ]);
  });
});
