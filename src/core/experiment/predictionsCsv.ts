/**
 * CSV of a run's test predictions, one row per classification cell and test record: cell, stage, repeat, budget,
 * record id, true label(s) (";"-joined for multi-label) and one probability column per class (`p_<class>`; the
 * union of all stages' classes, empty where a stage has no such class). Enough to recompute any metric elsewhere.
 */
import type { RunResults } from './results';

function field(v: string | number): string {
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function predictionsCsv(results: Pick<RunResults, 'predictions'>): string {
  const preds = results.predictions ?? [];
  const classes: string[] = [];
  for (const p of preds) for (const c of p.classes) if (!classes.includes(c)) classes.push(c);
  const lines = [['cell', 'stage', 'repeat', 'budget', 'record_id', 'true', ...classes.map((c) => `p_${c}`)].map(field).join(',')];
  for (const p of preds) {
    const col = classes.map((c) => p.classes.indexOf(c));
    p.ids.forEach((id, i) => {
      const truth = p.task === 'single-label' ? p.classes[(p.labels as number[])[i]] ?? '' : p.classes.filter((_, c) => (p.labels as number[][])[i][c]).join(';');
      const probs = col.map((c) => (c < 0 ? '' : String(p.probs[i][c])));
      lines.push([p.cell, p.stage, p.repeat, p.budget ?? '', id, truth, ...probs].map(field).join(','));
    });
  }
  return lines.join('\n') + '\n';
}
