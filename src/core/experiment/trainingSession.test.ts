import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../ml/backend';
import type { BackendReport } from '../ml/backendReport';
import type { LiveEvent } from './contract/live';
import { presetSpec } from './presets';
import { createTrainingSession } from './trainingSession';
import type { ExperimentSpec } from './spec';

beforeAll(async () => {
  await initBackend('wasm');
});

/** teaching-quick shrunk to a few seconds. */
function tinySpec(): ExperimentSpec {
  const s = presetSpec('teaching-quick');
  for (const src of Object.values(s.sources)) if (src.kind === 'synthetic') src.spec.n = 40;
  s.training.epochs = 2;
  s.backend = 'wasm';
  return s;
}

function session() {
  const asked: string[] = [];
  const report: BackendReport = { backend: 'wasm', requested: 'wasm', measured: 'as asked', threads: 1 };
  const s = createTrainingSession({
    backend: async (pref) => (asked.push(pref), report),
    schedule: (fn, ms) => {
      const t = setTimeout(fn, ms);
      return () => clearTimeout(t);
    },
  });
  return { s, asked };
}

describe('training session', () => {
  it('answers a spec error with its code and field, without touching the backend', async () => {
    const { s, asked } = session();
    const out = await s.run({ ...tinySpec(), seed: -1 }, [], () => undefined);
    expect(out).toMatchObject({ ok: false, error: { code: 'invalid-spec', path: 'seed' } });
    expect(asked).toEqual([]);
  });

  it('answers missing imported data with its code before the run starts', async () => {
    const { s, asked } = session();
    const spec = tinySpec();
    spec.sources.morph = { kind: 'imported', name: 'LUDB', fingerprint: 'abc' };
    const out = await s.run(spec, [], () => undefined);
    expect(out).toEqual({ ok: false, error: { code: 'dataset-missing', message: 'Drop these datasets in the Data panel first: LUDB (fingerprint abc)' } });
    expect(asked).toEqual([]);
  });

  it('a cancelled run answers "cancelled" with its stage and keeps no model or tensor', async () => {
    const { s } = session();
    const before = tf.memory().numTensors;
    const out = await s.run(tinySpec(), [], (evs) => {
      if (evs.some((e) => e.type === 'stage-start')) s.cancel();
    });
    expect(out).toMatchObject({ ok: false, error: { code: 'cancelled', stage: 'pretrain-hr' } });
    expect(s.modelStages()).toEqual([]);
    expect(s.running).toBe(false);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('runs a spec: live events in order, results with the host’s backend report, models kept for export', async () => {
    const { s, asked } = session();
    const events: LiveEvent[] = [];
    const out = await s.run(tinySpec(), [], (evs) => events.push(...evs));
    if (!out.ok) throw new Error(out.error.message);
    expect(asked).toEqual(['wasm']);
    expect(out.results.backend).toMatchObject({ backend: 'wasm', measured: 'as asked' });
    expect(events[0]).toMatchObject({ type: 'plan', backend: { backend: 'wasm' } });
    expect(events.filter((e) => e.type === 'stage-end').map((e) => e.type === 'stage-end' && e.stage)).toEqual(['pretrain-hr', 'transfer-hr', 'baseline']);
    expect(events.filter((e) => e.type === 'epoch')).toHaveLength(6);
    // The sweep's statistics follow each classification cell; the last pairs the transfer with the baseline.
    const stats = events.flatMap((e) => (e.type === 'sweep-stats' ? [e.stats] : []));
    expect(stats.map((st) => st.paired.length)).toEqual([0, 1]);
    expect(stats[1].paired[0]).toMatchObject({ transfer: 'transfer-hr', baseline: 'baseline' });
    expect(s.modelStages()).toEqual(['pretrain-hr', 'transfer-hr', 'baseline']);
    const file = await s.exportModel('baseline');
    expect(file?.weightData.byteLength).toBeGreaterThan(0);
    expect(await s.exportModel('nope')).toBeNull();
    expect(s.summarize('baseline')?.trainableParams).toBeGreaterThan(0);
    expect(s.memory().modelsHeld).toBe(3);
    s.releaseModels();
    expect(s.memory().modelsHeld).toBe(0);
  });

  it('a plan asked for while a run trains is costed on the run’s backend, without switching the backend', async () => {
    const { s, asked } = session();
    const other = { ...tinySpec(), backend: 'cpu' as const };
    let during: Promise<unknown> | null = null;
    const out = await s.run(tinySpec(), [], (evs) => {
      if (!during && evs.some((e) => e.type === 'stage-start')) {
        s.pause();
        during = s.plan(other, [], []).finally(() => s.resume());
      }
    });
    if (!out.ok) throw new Error(out.error.message);
    expect(await during).toMatchObject({ summary: expect.stringContaining('on wasm') });
    expect(asked).toEqual(['wasm']);
    // With no run in progress the spec's own preference is asked for.
    expect((await s.plan(other, [], [])).summary).toContain('on wasm');
    expect(asked).toEqual(['wasm', 'cpu']);
  });

  it("a pause reports 'held' once the loop has stopped, after the last batch update; nothing follows until resume", async () => {
    const { s } = session();
    const seen: LiveEvent['type'][] = [];
    let heldAt = -1;
    let whileHeld = -1;
    const out = await s.run(tinySpec(), [], (evs) => {
      for (const e of evs) {
        seen.push(e.type);
        if (e.type === 'batch' && heldAt < 0 && !seen.includes('held')) s.pause();
        if (e.type === 'held') {
          heldAt = seen.length;
          setTimeout(() => {
            whileHeld = seen.length - heldAt;
            s.resume();
          }, 50);
        }
      }
    });
    if (!out.ok) throw new Error(out.error.message);
    expect(seen.filter((t) => t === 'held')).toHaveLength(1);
    expect(whileHeld).toBe(0); // nothing advanced while held
    expect(seen.slice(heldAt)).toContain('stage-end');
  });
});
