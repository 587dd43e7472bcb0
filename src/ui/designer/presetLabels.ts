import type { MorphologyPreset } from '../../core/signal/types';

export const PRESET_LABELS: Record<MorphologyPreset, string> = {
  normal: 'Normal sinus rhythm',
  sinus_brady: 'Sinus bradycardia',
  sinus_tachy: 'Sinus tachycardia',
  av_block_1: '1st-degree AV block (long PR)',
  bbb: 'Bundle branch block (wide QRS)',
  long_qt: 'Long QT',
  st_elevation: 'ST elevation',
  st_depression: 'ST depression',
  t_inversion: 'T-wave inversion',
  afib: 'Atrial fibrillation (no P waves)',
  mi_anterior: 'Anterior MI (Q waves, ST-T in V1–V4)',
  mi_inferior: 'Inferior MI (Q waves, ST-T in II, III, aVF)',
  mi_lateral: 'Lateral MI (Q waves, ST-T in I, aVL, V5–V6)',
  lvh: 'Left ventricular hypertrophy (voltage, strain)',
  rbbb: 'Right bundle branch block (rsR′ in V1)',
  lbbb: 'Left bundle branch block (broad notched R in V6)',
  lafb: 'Left anterior fascicular block (left axis)',
  wpw: 'WPW pattern (short PR, delta wave)',
};
