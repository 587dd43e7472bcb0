export * from './regression';
export * from './auc';
export * from './classification';
export * from './bootstrap';
export * from './repeats';
export * from './warnings';
export { normalCdf, studentTCdf, studentTQuantile } from './distributions';
export { makeResampler, quantileSorted, type Resampler } from './resample';
export { delongAuc, delongPairedAuc, type DelongAuc } from './delong';
