import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dataPath, hasEcgData } from '../../../test-support/ecgData';
import { readRecordings } from '../index';
import { DX_CLASSES, dxClasses, dxSuperclasses } from './snomed';

describe('Challenge SNOMED CT codes', () => {
  it('holds the 30 scored classes with their abbreviations, and maps superclasses', () => {
    expect([...DX_CLASSES.values()].filter((c) => c.scored)).toHaveLength(30);
    expect(dxClasses(['426783006', '999'])).toEqual([
      { code: '426783006', abbr: 'NSR', name: 'sinus rhythm', scored: true, superclass: 'NORM' },
      { code: '999', abbr: '999', name: 'SNOMED CT 999', scored: false },
    ]);
    expect(dxSuperclasses(['164873001', '59118001', '164865005', '164934002'])).toEqual(['MI', 'STTC', 'CD', 'HYP']);
    expect(dxSuperclasses(['164889003'])).toBeUndefined(); // AF: a rhythm, no diagnostic superclass
  });

  it.skipIf(!hasEcgData)('cinc2021 records: codes named, superclasses where the codes carry one', async () => {
    const dir = 'cinc2021';
    const files = readdirSync(dataPath(dir)).map((n) => ({ name: `${dir}/${n}`, data: new Uint8Array(readFileSync(dataPath(dir, n))) }));
    const res = await readRecordings(files);
    expect(res.recordings).toHaveLength(20);
    let withSc = 0;
    for (const r of res.recordings) {
      expect(r.labelSource).toBe('cinc');
      const dx = r.labels!.dx!;
      expect(dx.length).toBeGreaterThan(0);
      expect(r.labels!.superclasses).toEqual(dxSuperclasses(dx));
      if (r.labels!.superclasses) withSc++;
    }
    expect(withSc).toBeGreaterThan(0);
    const named = res.recordings.flatMap((r) => dxClasses(r.labels!.dx!)).filter((c) => DX_CLASSES.has(c.code));
    expect(named.length).toBeGreaterThan(0);
  });
});
