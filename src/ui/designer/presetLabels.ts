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
};
