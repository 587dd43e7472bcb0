import { describe, expect, it } from 'vitest';
import { CancelledError } from '../ml/control';
import { missingDataFailure } from './datasetMatch';
import { failureOf } from './runFailure';
import { parseSpec, SpecError } from './spec';

describe('failureOf', () => {
  it('codes cancels, spec errors (with the field), allocation failures and the rest', () => {
    expect(failureOf(new CancelledError(), 'pre')).toEqual({ code: 'cancelled', message: 'run cancelled', stage: 'pre' });
    let specErr: unknown;
    try {
      parseSpec({ version: 1 });
    } catch (e) {
      specErr = e;
    }
    expect(specErr).toBeInstanceOf(SpecError);
    expect(failureOf(specErr)).toMatchObject({ code: 'invalid-spec', path: 'name' });
    expect(failureOf(new RangeError('Array buffer allocation failed'), 's')).toEqual({ code: 'out-of-memory', message: 'out of memory in stage s: Array buffer allocation failed', stage: 's' });
    expect(failureOf(new Error('Aborted(OOM)')).code).toBe('out-of-memory');
    expect(failureOf(new Error('source "x" has 100 samples'))).toEqual({ code: 'failed', message: 'source "x" has 100 samples' });
    expect(failureOf('plain')).toEqual({ code: 'failed', message: 'plain' });
  });
});

describe('missingDataFailure', () => {
  const ref = { key: 'real', name: 'LUDB', fingerprint: 'abcdef0123456789' };
  it('null when every source has data; a differing fingerprint outranks a plain missing source', () => {
    expect(missingDataFailure([{ ref, how: 'fingerprint', dataset: { name: 'LUDB', fingerprint: ref.fingerprint } }])).toBeNull();
    expect(missingDataFailure([{ ref: { key: 'a', name: 'PTB-XL' }, how: 'missing' }])).toEqual({ code: 'dataset-missing', message: 'Drop these datasets in the Data panel first: PTB-XL' });
    const f = missingDataFailure([{ ref: { key: 'a', name: 'PTB-XL' }, how: 'missing' }, { ref, how: 'fingerprint-differs', sameName: { name: 'LUDB', fingerprint: '999999999999xyz' } }]);
    expect(f?.code).toBe('fingerprint-mismatch');
    expect(f?.message).toContain('LUDB (fingerprint abcdef012345; the loaded “LUDB” has other content, 999999999999)');
  });
});
