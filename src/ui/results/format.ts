/** Labels, units and number formats for metrics, shared by charts, tables and CSV export. */

export const MAE_KEYS = ['mae_hr_bpm', 'mae_pr_ms', 'mae_qrs_ms', 'mae_qt_ms'] as const;

const LABELS: Record<string, string> = {
  mae_hr_bpm: 'HR MAE (bpm)',
  mae_pr_ms: 'PR MAE (ms)',
  mae_qrs_ms: 'QRS MAE (ms)',
  mae_qt_ms: 'QT MAE (ms)',
  accuracy: 'Accuracy',
  balanced_accuracy: 'Balanced accuracy',
  macro_auc: 'Macro AUC',
  macro_f1: 'Macro F1',
  loss: 'Loss',
  val_loss: 'Val loss',
};

export function metricLabel(key: string): string {
  if (LABELS[key]) return LABELS[key];
  const m = /^(mae|rmse|r2)_(\w+?)(?:_(bpm|ms))?$/.exec(key);
  if (m) return `${m[2].toUpperCase()} ${m[1] === 'r2' ? 'R²' : m[1].toUpperCase()}${m[3] ? ` (${m[3]})` : ''}`;
  return key.replace(/_/g, ' ');
}

/** Short name of a regression target: hr_bpm → HR; several (a multi-output model) joined by '+': HR/PR/QRS/QT. */
export function targetLabel(target: string | undefined): string {
  if (!target) return '';
  return target
    .split('+')
    .map((t) => t.split('_')[0].toUpperCase())
    .join('/');
}

export function fmt(v: unknown, digits = 3): string {
  if (typeof v !== 'number' || !Number.isFinite(v)) return '—';
  if (Math.abs(v) >= 1000) return v.toFixed(0);
  if (Math.abs(v) >= 100) return v.toFixed(1);
  return v.toFixed(digits);
}

export function fmtDuration(s: number | undefined): string {
  if (s === undefined || !Number.isFinite(s)) return '';
  if (s < 1) return '<1 s';
  if (s < 90) return `${Math.round(s)} s`;
  if (s < 5400) return `${Math.round(s / 60)} min`;
  return `${(s / 3600).toFixed(1)} h`;
}

/** Series colours readable on light and dark backgrounds. */
export const SERIES_COLORS = ['#2f7ed8', '#e4572e', '#17a673', '#a259d9', '#f0a202', '#00a6c7', '#d6336c', '#6c757d', '#8f6d3f'];
export const colorAt = (i: number) => SERIES_COLORS[i % SERIES_COLORS.length];
