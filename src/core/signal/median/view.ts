/**
 * A record's median beat as the record browser shows it: the aligned median per lead, fiducial marks (sample
 * indices in the median window), the intervals read from it and the RR in ms; or why there is none.
 */
import { medianBeat, type MedianFiducials, type MedianIntervals } from './medianBeat';

export interface MedianBeatView {
  ok: true;
  name: string;
  fs: number;
  leadNames: string[];
  /** Index of R in each median array. */
  rIndex: number;
  median: Float32Array[];
  fiducials: MedianFiducials;
  intervals: MedianIntervals;
  /** Mean RR over the record's RR intervals (a missed beat's long gap excluded), ms: 60 000 / HR. */
  rr_ms: number;
  /** R peaks of the record (sample indices at `fs`). */
  beats: number[];
  /** Beats averaged into the median. */
  used: number;
}

export type MedianBeatAnswer = MedianBeatView | { ok: false; name: string; reason: string };

export function medianBeatView(rec: { name: string; fs: number; leadNames: string[]; signals: ArrayLike<number>[] }): MedianBeatAnswer {
  try {
    const m = medianBeat({ fs: rec.fs, signals: rec.signals });
    return {
      ok: true,
      name: rec.name,
      fs: rec.fs,
      leadNames: [...rec.leadNames],
      rIndex: m.rIndex,
      median: m.median,
      fiducials: m.fiducials,
      intervals: m.intervals,
      rr_ms: 60000 / m.intervals.hr_bpm,
      beats: m.beats,
      used: m.used.length,
    };
  } catch (e) {
    return { ok: false, name: rec.name, reason: (e instanceof Error ? e.message : String(e)).replace(/^medianBeat: /, '') };
  }
}
