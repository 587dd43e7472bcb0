import { describe, expect, it } from 'vitest';
import type { BeatFiducials } from '../../core/signal/types';
import { marksFromBeats, rrText } from './marks';

const beat = (r: number): BeatFiducials => ({ pOn: -1, pPeak: -1, pOff: -1, qrsOn: r - 5, rPeak: r, qrsOff: r + 5, tOn: -1, tPeak: -1, tOff: -1 });

describe('beat marks', () => {
  it('label each R peak after the first with the RR interval in milliseconds', () => {
    const m = marksFromBeats([beat(100), beat(350), beat(580)], 250);
    expect(m.points.map((p) => p.text)).toEqual(['N', 'RR 1000 ms', 'RR 920 ms']);
    expect(marksFromBeats([beat(100), beat(180)], 100).points[1].text).toBe('RR 800 ms');
    expect(rrText(1, 500)).toBe('RR 2 ms');
  });
});
