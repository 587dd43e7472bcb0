import { describe, expect, it } from 'vitest';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { presetSpec } from '../presets';
import type { RunResults } from '../results';
import type { ExperimentSpec } from '../spec';
import { isProjectFileName, PROJECT_FORMAT } from './format';
import { openProject, packProject, projectFileName, type Project } from './pack';

const FP = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';

function withFingerprint(spec: ExperimentSpec): ExperimentSpec {
  const s = structuredClone(spec);
  for (const src of Object.values(s.sources)) if (src.kind === 'imported') src.fingerprint = FP;
  return s;
}

const results = (name: string): RunResults =>
  ({
    version: 1,
    name,
    seed: 1,
    backend: { backend: 'wasm' },
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:01:00.000Z',
    seconds: 60,
    sources: {},
    leads: ['I'],
    stages: [{ name: 'baseline', kind: 'baseline', history: [{ epoch: 1, loss: 0.5 }], metrics: { test: { accuracy: 0.75 } } }],
    comparison: [],
    notes: [],
    epochBase: 1,
  }) as unknown as RunResults;

function project(): Project {
  const spec = withFingerprint(presetSpec('synthetic-demo'));
  const real = withFingerprint(presetSpec(PRESET_WITH_IMPORT));
  const weights = new Float32Array([1, -2.5, 3.25, 0]);
  return {
    name: 'my project',
    presetName: 'synthetic-demo',
    spec: real,
    runs: [
      { id: 'run-1', name: 'first', presetName: 'synthetic-demo', createdAt: 1000, finishedAt: 2000, status: 'done', spec, backend: { backend: 'wasm' }, results: results('first') },
      { id: 'run-2', name: 'second', presetName: 'custom', createdAt: 3000, status: 'interrupted', spec: real, error: 'reloaded', live: { stages: [{ name: 'pretrain-hr', kind: 'pretrain', status: 'running', epochs: [] }], current: null, log: [] } },
    ],
    models: [
      { runId: 'run-1', stage: 'baseline', modelTopology: { class_name: 'Sequential' }, weightSpecs: [{ name: 'w', shape: [4], dtype: 'float32' }], weightData: weights.buffer.slice(0), format: 'layers-model', generatedBy: 'tfjs', convertedBy: null },
      { runId: 'gone', stage: 'x', modelTopology: {}, weightSpecs: [], weightData: new ArrayBuffer(0) },
    ],
  };
}

/** A preset whose spec imports a dataset (so the project names one). */
const PRESET_WITH_IMPORT = 'paper-synthetic-to-real';

/** Rewrites project.json inside a packed project. */
function editManifest(bytes: Uint8Array, edit: (m: Record<string, any>) => void): Uint8Array { // eslint-disable-line @typescript-eslint/no-explicit-any
  const files = unzipSync(bytes);
  const m = JSON.parse(strFromU8(files['project.json']));
  edit(m);
  files['project.json'] = strToU8(JSON.stringify(m));
  return zipSync(files);
}

describe('project file', () => {
  it('round trip: spec, runs with results and live snapshots, models with their weights; datasets by name and fingerprint only', () => {
    const p = project();
    const bytes = packProject(p, new Date('2026-12-01T00:00:00Z'));
    const opened = openProject('my.ecglab.zip', bytes);
    if (!opened.ok) throw new Error(opened.error);
    expect(opened.savedAt).toBe('2026-12-01T00:00:00.000Z');
    expect(opened.project.spec).toEqual(p.spec);
    expect(opened.project.runs).toEqual(p.runs);
    // The model of a run the project does not hold is left out.
    expect(opened.project.models.map((m) => [m.runId, m.stage])).toEqual([['run-1', 'baseline']]);
    expect(Array.from(new Float32Array(opened.project.models[0].weightData))).toEqual([1, -2.5, 3.25, 0]);
    expect(opened.project.models[0].weightSpecs).toEqual(p.models[0].weightSpecs);
    expect(opened.datasets.length).toBeGreaterThan(0);
    expect(opened.datasets.every((d) => d.fingerprint === FP)).toBe(true);
    expect(opened.datasets.map((d) => d.name)).toContain('PTB-XL');
    // Each model folder is a loadable tfjs model (model.json with a weights manifest naming weights.bin).
    const files = unzipSync(bytes);
    const mj = JSON.parse(strFromU8(files['models/0/model.json']));
    expect(mj.weightsManifest[0].paths).toEqual(['weights.bin']);
    expect(files['models/0/weights.bin'].byteLength).toBe(16);
    expect(Object.keys(files).sort()).toEqual(['models/0/model.json', 'models/0/weights.bin', 'project.json']);
  });

  it('project.json alone opens too (a project saved without models)', () => {
    const p = { ...project(), models: [] };
    const json = unzipSync(packProject(p, new Date(0)))['project.json'];
    const opened = openProject('p.ecglab.json', json);
    expect(opened.ok && opened.project.runs.length).toBe(2);
  });

  it('an older spec version inside is migrated like any spec', () => {
    const bytes = editManifest(packProject(project(), new Date(0)), (m) => {
      m.spec.version = 1;
    });
    const opened = openProject('old.ecglab.zip', bytes);
    expect(opened.ok && opened.project.spec.version).toBe(2);
  });

  const bad: [string, () => Uint8Array, RegExp][] = [
    ['random bytes', () => new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]), /neither a zip nor a JSON file/],
    ['a truncated zip', () => packProject(project(), new Date(0)).subarray(0, 60), /zip is damaged|holds no project\.json/],
    ['a zip of something else', () => zipSync({ 'readme.txt': strToU8('hi') }), /holds no project\.json/],
    ['broken JSON', () => strToU8('{"format": "ecg-transfer-lab-project", '), /not valid JSON/],
    ['a foreign JSON file', () => strToU8(JSON.stringify({ format: 'something-else', version: 1 })), /not a project file \(format "something-else"/],
    ['an experiment spec instead of a project', () => strToU8(JSON.stringify(presetSpec('synthetic-demo'))), /not a project file \(format null/],
    ['a newer project version', () => editManifest(packProject(project(), new Date(0)), (m) => (m.version = 9)), /newer lab \(project version 9/],
    ['a missing field', () => editManifest(packProject(project(), new Date(0)), (m) => delete m.runs), /runs: /],
    ['an unknown run status', () => editManifest(packProject(project(), new Date(0)), (m) => (m.runs[0].status = 'running')), /runs\.0\.status/],
    ['an invalid spec in a run', () => editManifest(packProject(project(), new Date(0)), (m) => (m.runs[1].spec.stages = [])), /run 2 \(“second”\) is not a valid experiment spec/],
    ['an invalid project spec', () => editManifest(packProject(project(), new Date(0)), (m) => (m.spec.model.kind = 'no-such-model')), /its experiment spec is not a valid experiment spec \(model\.kind/],
    ['weights of the wrong size', () => editManifest(packProject(project(), new Date(0)), (m) => (m.models[0].weightBytes = 12)), /weights\.bin has 16 bytes, the project lists 12/],
    [
      'a model whose files are missing',
      () => {
        const files = unzipSync(packProject(project(), new Date(0)));
        delete files['models/0/weights.bin'];
        return zipSync(files);
      },
      /files are missing/,
    ],
    ['a model of a run not in the project', () => editManifest(packProject(project(), new Date(0)), (m) => (m.models[0].runId = 'other')), /belongs to run other/],
  ];
  for (const [what, bytes, why] of bad)
    it(`refuses ${what}, naming the file`, () => {
      const opened = openProject('broken.ecglab.zip', bytes());
      expect(opened.ok).toBe(false);
      if (opened.ok) return;
      expect(opened.error).toContain('“broken.ecglab.zip” is not an ECG Transfer Lab project');
      expect(opened.error).toMatch(why);
    });

  it('file names: the project suffixes are recognised, names are made safe', () => {
    expect(isProjectFileName('A.ECGLAB.ZIP')).toBe(true);
    expect(isProjectFileName('a.ecglab.json')).toBe(true);
    expect(isProjectFileName('a.zip')).toBe(false);
    expect(projectFileName('my run / ptb-xl: 5%')).toBe('my-run-ptb-xl-5.ecglab.zip');
    expect(projectFileName('///')).toBe('project.ecglab.zip');
    expect(PROJECT_FORMAT).toBe('ecg-transfer-lab-project');
  });
});
