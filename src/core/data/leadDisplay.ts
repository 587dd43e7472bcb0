/**
 * How a lead name is shown everywhere (cards, record browser, viewer labels): the standard twelve spelled
 * I, II, III, aVR, aVL, aVF, V1–V6 whatever the file wrote (AVR, avr, "ECG aVR", lead_ii); other names
 * (MLII, V5R, Pleth) trimmed and kept, upper-cased when the file wrote them all lower-case (mlii → MLII).
 */
import { canonicalLeadName } from '../formats/leadNames';

/** The readers write lead names this way already (src/core/formats/leadNames.ts); names from elsewhere get it here. */
export function displayLeadName(name: string): string {
  return canonicalLeadName(name);
}

/** `displayLeadName` over a list, joined for a card: "MLII, V5". */
export function displayLeadList(names: readonly string[], max = 12): string {
  const shown = names.slice(0, max).map(displayLeadName).join(', ');
  return names.length > max ? `${shown}, …` : shown;
}
