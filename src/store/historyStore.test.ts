import { describe, expect, it } from 'vitest';
import { presetSpec } from '../core/experiment/presets';
import { readStoredRun, type HistoryRun } from './historyStore';

const run = (backend: unknown): HistoryRun => ({ id: 'r', name: 'n', presetName: 'p', createdAt: 1, updatedAt: 1, status: 'done', spec: presetSpec('teaching-quick'), backend: backend as HistoryRun['backend'] });

describe('readStoredRun', () => {
  it('reads a backend report stored with a `name` field as the one report shape', () => {
    expect(readStoredRun(run({ name: 'wasm', threads: 2, measured: 'm' })).backend).toEqual({ backend: 'wasm', threads: 2, measured: 'm' });
  });
  it('leaves current reports and runs without one as they are', () => {
    const r = run({ backend: 'webgl', reason: 'x' });
    expect(readStoredRun(r)).toBe(r);
    const none = run(undefined);
    expect(readStoredRun(none)).toBe(none);
  });
});
