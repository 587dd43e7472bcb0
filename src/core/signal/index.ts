/** Public API of the synthesis engine (pure TypeScript: Node, worker and page). */
export * from './types';
export { synthesize, synthesizeInto, recordLength, leadNamesFor, type RenderResult } from './synthesize';
export {
  PARAM_RANGES,
  NOISE_RANGES,
  SECONDS_RANGE,
  DEFAULT_NOISE,
  DEFAULT_RECORD_OPTIONS,
  NO_NOISE,
  MIN_ST_T_MS,
  ParamError,
  presetParams,
  completeParams,
  validateParams,
  validateOptions,
  validateNoise,
  qtForRr,
  type ParamRange,
  type NumericParam,
  type NoiseLevelParam,
} from './params';
export { Rng, deriveSeed, fmix32 } from './rng';
export { LEADS_12, LEADS_1, LEAD_I, LEAD_II, PRECORDIAL_VECS, deriveLimbLeads } from './leads';
export { annotateRecord, globalBeat, intervalsOf, windowFromSupport } from './annotate/labelRules';
export { delineateBeat, isoelectricLevel, slope, windowFromRPeaks, type BeatWindow, type LeadFiducials } from './annotate/delineate';
