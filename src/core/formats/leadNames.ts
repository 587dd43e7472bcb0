/**
 * Lead names as every reader writes them into a Recording, so the same lead matches across datasets: the standard
 * twelve spelled I, II, III, aVR, aVL, aVF, V1–V6 whatever the file wrote ("AVR", "avr", "ECG aVR", "EKG-V1",
 * "Lead_II", "ECG lead II"); other leads kept as they are (MLII, V5R, D3, ECG1), trimmed, a prefix such as "ECG " dropped
 * when a name is left ("ECG MLII" → MLII), and upper-cased when the file wrote them all lower-case (mlii → MLII).
 * Lead slots (MLII feeding II) are chosen later, from these names (src/core/data/leads.ts).
 */
import { STANDARD_12_LEADS } from '../signal/types';

const STANDARD = new Map(STANDARD_12_LEADS.map((l) => [l.toLowerCase(), l] as [string, string]));
const PREFIX = /^(?:(?:ecg|ekg)(?:[\s_-]*lead)?|lead)(?:[\s_:.-]+|(?=[a-z]))/i;

export function canonicalLeadName(name: string): string {
  const t = name.trim();
  const rest = t.replace(PREFIX, '');
  const std = STANDARD.get(rest.toLowerCase().replace(/[\s_-]+/g, ''));
  if (std) return std;
  // "ECG MLII" → MLII; "ECG1", "ECG" stay (a bare number or nothing is no lead name)
  const kept = rest && rest !== t && !/^\d+$/.test(rest) ? rest.trim() : t;
  return kept === kept.toLowerCase() && /^[a-z0-9]+$/.test(kept) ? kept.toUpperCase() : kept;
}

export function canonicalLeadNames(names: readonly string[]): string[] {
  return names.map(canonicalLeadName);
}

/** Signals of other kinds that EDF sleep and monitoring recordings hold beside their ECG. */
const OTHER_SIGNAL = /^(eeg|eog|emg|resp|spo2|sao2|pleth|ppg|temp|position|pos\b|event|flow|snore|thor|abdo|abd\b|nasal|oral|pulse|hr\b|light|body|marker|bp\b|abp|art\b|cvp|pap|co2|etco2|sound|activity)/i;

/** A label naming no ECG lead (EEG, EOG, EMG, respiration, oximetry …). */
export function isOtherSignal(label: string): boolean {
  const t = label.trim();
  return OTHER_SIGNAL.test(t) && !/^(ecg|ekg)/i.test(t);
}
