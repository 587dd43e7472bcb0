/**
 * `synth --n N --out DIR [--fs HZ] [--leads 1|12] [--seconds S] [--seed K] [--preset NAME] [--noise-free]`:
 * generates synthetic ECG records as WFDB (DIR/NNNNN.hea + .dat, format 16) plus DIR/labels.csv and DIR/RECORDS.
 * Records stream one at a time to disk (memory stays flat for any N).
 */
import { mkdirSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { CliError, parseFlags, type Command } from '../command';
import { defaultSyntheticSpec, iterateSyntheticRecords, validateSyntheticSpec, type SyntheticDatasetSpec } from '../../src/core/data/synthDataset';
import { ALLOWED_FS, MORPHOLOGY_PRESETS, type MorphologyPreset, type SamplingRate } from '../../src/core/signal/types';
import { ParamError } from '../../src/core/signal/params';
import { writeWfdb } from '../../src/core/formats/wfdb/writer';

const HELP = `Usage: npm run --silent cli -- synth --n N --out DIR [options]

Generates N synthetic ECG records with exact labels:
  DIR/NNNNN.hea + DIR/NNNNN.dat   WFDB, format 16, gain 1000 adu/mV, leads I II III aVR aVL aVF V1..V6 (or II)
  DIR/labels.csv                   record,hr_bpm,pr_ms,qrs_ms,qt_ms,preset (pr_ms empty when undefined, e.g. AF)
  DIR/RECORDS                      record names, one per line

Options:
  --n N            number of records (required, ≥ 1)
  --out DIR        output folder (created if missing; existing files of the same names are overwritten)
  --fs HZ          sampling rate: ${ALLOWED_FS.join(', ')} (default 500)
  --leads 1|12     lead II only, or the standard 12 leads (default 12)
  --seconds S      duration of each record in seconds (default 10)
  --seed K         random seed, integer (default 1); same seed and options give identical files
  --preset NAME    only this morphology: ${MORPHOLOGY_PRESETS.join(', ')}
                   (default: a mix of all presets, normal 3 parts, each other 1 part)
  --noise-free     no baseline wander, power line, EMG or motion noise
Parameters vary across records as in the default dataset spec (docs/synthesis.md).`;

const FLAGS = { n: 'number', out: 'string', fs: 'number', leads: 'number', seconds: 'number', seed: 'number', preset: 'string', 'noise-free': 'boolean' } as const;

export function specFromFlags(argv: string[]): { spec: SyntheticDatasetSpec; out: string } {
  const { flags, _ } = parseFlags(argv, FLAGS);
  if (_.length > 0) throw new CliError(`unexpected argument "${_[0]}" (synth takes only options; see --help)`);
  if (flags.n === undefined) throw new CliError('missing --n N (number of records)');
  if (typeof flags.out !== 'string' || flags.out === '') throw new CliError('missing --out DIR (output folder)');
  const leads = flags.leads ?? 12;
  if (leads !== 1 && leads !== 12) throw new CliError(`--leads must be 1 or 12, got ${String(leads)}`);
  const spec = defaultSyntheticSpec();
  spec.n = flags.n as number;
  spec.fs = (flags.fs ?? 500) as SamplingRate;
  spec.leads = leads === 12 ? '12' : '1';
  spec.seconds = (flags.seconds ?? 10) as number;
  spec.seed = (flags.seed ?? 1) as number;
  if (flags.preset !== undefined) {
    const preset = flags.preset as MorphologyPreset;
    if (!MORPHOLOGY_PRESETS.includes(preset)) throw new CliError(`--preset must be one of ${MORPHOLOGY_PRESETS.join(', ')}, got "${String(flags.preset)}"`);
    spec.presets = { [preset]: 1 };
  }
  if (flags['noise-free']) spec.noise = {};
  try {
    validateSyntheticSpec(spec);
  } catch (e) {
    if (e instanceof ParamError) throw new CliError(`--${FLAG_OF[e.param] ?? e.param}: ${e.message}`);
    throw e;
  }
  return { spec, out: flags.out };
}

const FLAG_OF: Record<string, string> = { n: 'n', fs: 'fs', seconds: 'seconds', seed: 'seed', leads: 'leads' };

const num = (v: number) => String(parseFloat(v.toFixed(3)));

export const command: Command = {
  help: HELP,
  async run(argv) {
    const { spec, out } = specFromFlags(argv);
    mkdirSync(out, { recursive: true });
    const t0 = performance.now();
    const csv = openSync(join(out, 'labels.csv'), 'w');
    const names: string[] = [];
    try {
      writeSync(csv, 'record,hr_bpm,pr_ms,qrs_ms,qt_ms,preset\n');
      for (const { name, preset, record } of iterateSyntheticRecords(spec)) {
        const l = record.labels;
        const pr = l.pr_ms === null ? '' : num(l.pr_ms);
        const comments = [
          `ECG Transfer Lab synthetic record (seed ${spec.seed}, record ${name})`,
          `preset: ${preset}`,
          `hr_bpm: ${num(l.hr_bpm)}`,
          `pr_ms: ${l.pr_ms === null ? 'undefined' : num(l.pr_ms)}`,
          `qrs_ms: ${num(l.qrs_ms)}`,
          `qt_ms: ${num(l.qt_ms)}`,
        ];
        const { hea, dat } = writeWfdb(name, record.fs, record.signals, record.leadNames, { comments });
        writeFileSync(join(out, `${name}.hea`), hea);
        writeFileSync(join(out, `${name}.dat`), dat);
        writeSync(csv, `${name},${num(l.hr_bpm)},${pr},${num(l.qrs_ms)},${num(l.qt_ms)},${preset}\n`);
        names.push(name);
      }
    } finally {
      closeSync(csv);
    }
    writeFileSync(join(out, 'RECORDS'), names.join('\n') + '\n');
    const s = ((performance.now() - t0) / 1000).toFixed(2);
    process.stdout.write(`wrote ${spec.n} records (${spec.leads} lead${spec.leads === '1' ? '' : 's'}, ${spec.fs} Hz, ${spec.seconds} s) and labels.csv to ${out} in ${s} s\n`);
    return 0;
  },
};
