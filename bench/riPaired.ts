/**
 * Two `real-intervals` models on the same real records, paired record by record: per interval the change of the
 * prediction (after − before, signed) and of the absolute error (|after − true| − |before − true|), each as mean
 * with its 95 % t-interval over records. A side given as several files (comma-separated) is their ensemble (the
 * predictions averaged per record first), as in riEnsemble.ts.
 * Run: npx tsx bench/riPaired.ts BEFORE.json[,MORE.json] AFTER.json[,MORE.json] [--stage NAME]
 */
import { readFileSync } from 'node:fs';
import { printTable } from './table';

interface Pred { target: string; true: number[]; pred: number[]; ids?: string[] }
const argv = process.argv.slice(2);
const stageAt = argv.indexOf('--stage');
const stageName = stageAt >= 0 ? argv[stageAt + 1] : undefined;
const sides = argv.filter((a, i) => !a.startsWith('--') && (stageAt < 0 || i !== stageAt + 1));
if (sides.length !== 2) throw new Error('usage: npx tsx bench/riPaired.ts BEFORE.json[,MORE] AFTER.json[,MORE] [--stage NAME]');

function load(f: string): Pred[] {
  const r = JSON.parse(readFileSync(f, 'utf8')) as { stages: { kind: string; name: string; predictions?: Pred[] }[] };
  const ev = r.stages.find((s) => s.kind === 'evaluate' && (stageName === undefined || s.name === stageName));
  if (!ev?.predictions) throw new Error(`${f}: no evaluate stage${stageName ? ` "${stageName}"` : ''} with predictions`);
  return ev.predictions;
}

/** Per target: truth and the mean prediction over the side's files, by record id (or position). */
function side(arg: string): Map<string, Map<string, { t: number; p: number }>> {
  const runs = arg.split(',').map(load);
  const out = new Map<string, Map<string, { t: number; p: number }>>();
  for (const target of runs[0].map((p) => p.target)) {
    const per = new Map<string, { t: number; p: number; n: number }>();
    for (const run of runs) {
      const pr = run.find((p) => p.target === target);
      if (!pr) throw new Error(`${arg}: a run has no predictions of ${target}`);
      pr.pred.forEach((v, i) => {
        const id = pr.ids?.[i] ?? String(i);
        const cur = per.get(id) ?? { t: pr.true[i], p: 0, n: 0 };
        cur.p += v;
        cur.n++;
        per.set(id, cur);
      });
    }
    out.set(target, new Map([...per].filter(([, v]) => v.n === runs.length).map(([id, v]) => [id, { t: v.t, p: v.p / v.n }])));
  }
  return out;
}

const tq = (df: number) => [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228][df - 1] ?? 1.96 + 2.4 / df;
const f1 = (v: number) => (v >= 0 ? '+' : '') + v.toFixed(1);
const ci = (xs: number[]) => {
  const n = xs.length, m = xs.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (n - 1));
  const h = (tq(n - 1) * sd) / Math.sqrt(n);
  return `${f1(m)} [${f1(m - h)}, ${f1(m + h)}]${m - h > 0 || m + h < 0 ? ' *' : ''}`;
};

const [before, after] = sides.map(side);
const rows = [];
for (const [target, a] of after) {
  const b = before.get(target);
  if (!b) continue;
  const signed: number[] = [], abs: number[] = [];
  for (const [id, x] of a) {
    const y = b.get(id);
    if (!y || !Number.isFinite(x.t) || !Number.isFinite(x.p) || !Number.isFinite(y.p)) continue;
    signed.push(x.p - y.p);
    abs.push(Math.abs(x.p - x.t) - Math.abs(y.p - y.t));
  }
  if (signed.length < 2) continue;
  rows.push({ target, n: signed.length, 'Δ prediction (after − before)': ci(signed), 'Δ |error|': ci(abs) });
}
console.log(`paired on the same records: before ${sides[0]}, after ${sides[1]} (mean [95 % t-interval]; * excludes 0)`);
printTable(rows);
