/**
 * Noise amplitudes of the default synthetic spec fitted to real records (bench/fitNoise.ts; method and numbers in
 * docs/synthesis.md, "Noise fitted to real records"). Each is the max of a uniform [0, max] draw per record (mV):
 *  - baselineMv: the synthetic median residual power below 0.7 Hz (lead II minus its median beat, 100 Hz)
 *    equals the geometric mean of LUDB 1–40's and PTB-XL 1–100's medians (1 362 µV²; 552 and 3 359);
 *  - emgMv: the same for the 15–50 Hz power (492 µV²; 344 and 704).
 * Fitted on 200 records of the default spec (seed 1); scales 0.37 and 0.41 of the former maxima 0.3 and 0.05.
 */
export const FITTED_NOISE_MAX = { baselineMv: 0.11, emgMv: 0.02 } as const;
