/** Median beat, fiducial points and interval labels of a recording (all leads together). */
export { medianBeat, findFiducials, DEFAULT_RULES, type MedianBeatResult, type MedianBeatOptions, type MedianFiducials, type MedianIntervals, type MultiLeadSignal, type FiducialRules } from './medianBeat';
export { detectBeats, qrsEnergy } from './rpeaks';
export { removeBaseline, runningMedian, fillNaN } from './baseline';
export { labelsFromMedianBeats, medianBeatTargets, recordSignals, MEDIAN_TARGETS, type DatasetSignals, type MedianTarget, type LabelsFromMedianOptions, type MedianTargetsResult } from './labels';
