/**
 * How a lead name is shown everywhere (cards, record browser, viewer labels): the standard twelve spelled
 * I, II, III, aVR, aVL, aVF, V1–V6 whatever the file wrote (AVR, avr, "ECG aVR", lead_ii); other names
 * (MLII, V5R, Pleth) trimmed and kept, upper-cased when the file wrote them all lower-case (mlii → MLII).
 */
import { STANDARD_12_LEADS } from '../signal/types';

const STANDARD = new Map(STANDARD_12_LEADS.map((l) => [l.toLowerCase(), l] as [string, string]));

export function displayLeadName(name: string): string {
  const t = name.trim();
  const k = t.toLowerCase().replace(/^(ecg|lead)[\s_-]*/, '').replace(/[\s_-]+/g, '');
  const std = STANDARD.get(k);
  if (std) return std;
  return t === t.toLowerCase() && /^[a-z0-9]+$/.test(t) ? t.toUpperCase() : t;
}

/** `displayLeadName` over a list, joined for a card: "MLII, V5". */
export function displayLeadList(names: readonly string[], max = 12): string {
  const shown = names.slice(0, max).map(displayLeadName).join(', ');
  return names.length > max ? `${shown}, …` : shown;
}
