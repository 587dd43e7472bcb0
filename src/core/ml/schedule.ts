/** Learning-rate schedules, evaluated per epoch (0-based). */
export type LrSchedule =
  | { kind: 'constant' }
  | { kind: 'step'; stepEpochs: number; gamma: number }
  | { kind: 'exponential'; gamma: number }
  | { kind: 'cosine'; minLr?: number };

export function learningRateAt(schedule: LrSchedule, baseLr: number, epoch: number, totalEpochs: number): number {
  switch (schedule.kind) {
    case 'constant':
      return baseLr;
    case 'step':
      return baseLr * schedule.gamma ** Math.floor(epoch / Math.max(1, schedule.stepEpochs));
    case 'exponential':
      return baseLr * schedule.gamma ** epoch;
    case 'cosine': {
      const min = schedule.minLr ?? 0;
      const T = Math.max(1, totalEpochs - 1);
      return min + ((baseLr - min) * (1 + Math.cos((Math.PI * Math.min(epoch, T)) / T))) / 2;
    }
  }
}
