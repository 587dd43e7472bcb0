import { describe, expect, it } from 'vitest';
import { displayLeadList, displayLeadName } from './leadDisplay';

describe('displayLeadName', () => {
  it('spells the standard twelve one way', () => {
    for (const n of ['AVR', 'avr', 'aVR', ' ECG aVR ', 'lead_avr']) expect(displayLeadName(n)).toBe('aVR');
    expect(displayLeadName('i')).toBe('I');
    expect(displayLeadName('Lead II')).toBe('II');
    expect(displayLeadName('v1')).toBe('V1');
    expect(displayLeadName('AVF')).toBe('aVF');
  });
  it('keeps other names, upper-casing all-lower-case ones', () => {
    expect(displayLeadName('MLII')).toBe('MLII');
    expect(displayLeadName('mlii')).toBe('MLII');
    expect(displayLeadName('Pleth')).toBe('Pleth');
    expect(displayLeadList(['MLII', 'v5'])).toBe('MLII, V5');
    expect(displayLeadList(['a', 'b', 'c'], 2)).toBe('A, B, …');
  });
});
