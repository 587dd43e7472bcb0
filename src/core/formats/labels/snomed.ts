/**
 * PhysioNet/CinC Challenge 2020/2021 `# Dx` SNOMED CT codes → abbreviation and name, and the PTB-XL diagnostic
 * superclass where one fits.
 *
 * Source: the Challenge's published mapping, github.com/physionetchallenges/evaluation-2021, files
 * dx_mapping_scored.csv (all 30 scored classes, `scored: true`) and dx_mapping_unscored.csv (the unscored
 * classes below: those with an infarction, ischaemia, ST/T, conduction or hypertrophy meaning, plus a few
 * frequent rhythms; the rest of that table is not copied). Names and abbreviations are the tables' own.
 *
 * Superclasses follow PTB-XL's diagnostic grouping (scp_statements.csv): sinus rhythm → NORM; infarctions
 * (acute, anterior, old, unspecified) → MI; ST/T changes, T-wave abnormality/inversion, ischaemia and a long QT
 * → STTC (PTB-XL files LNGQT under STTC); bundle-branch and fascicular blocks, AV blocks, non-specific
 * intraventricular conduction disorder and WPW → CD; ventricular hypertrophy and atrial enlargement/hypertrophy →
 * HYP. Rhythm, axis, ectopy, voltage and pacing codes have no superclass (PTB-XL keeps them out of its diagnostic
 * statements), so a record with only those gets none.
 */
import type { Superclass } from '../recording';

export interface DxClass {
  code: string;
  abbr: string;
  name: string;
  /** One of the Challenge's 30 scored classes. */
  scored: boolean;
  superclass?: Superclass;
}

const ROWS: [string, string, string, boolean, Superclass | undefined][] = [
  ['164889003', 'AF', 'atrial fibrillation', true, undefined],
  ['164890007', 'AFL', 'atrial flutter', true, undefined],
  ['6374002', 'BBB', 'bundle branch block', true, 'CD'],
  ['426627000', 'Brady', 'bradycardia', true, undefined],
  ['733534002', 'CLBBB', 'complete left bundle branch block', true, 'CD'],
  ['713427006', 'CRBBB', 'complete right bundle branch block', true, 'CD'],
  ['270492004', 'IAVB', '1st degree av block', true, 'CD'],
  ['713426002', 'IRBBB', 'incomplete right bundle branch block', true, 'CD'],
  ['39732003', 'LAD', 'left axis deviation', true, undefined],
  ['445118002', 'LAnFB', 'left anterior fascicular block', true, 'CD'],
  ['164909002', 'LBBB', 'left bundle branch block', true, 'CD'],
  ['251146004', 'LQRSV', 'low qrs voltages', true, undefined],
  ['698252002', 'NSIVCB', 'nonspecific intraventricular conduction disorder', true, 'CD'],
  ['426783006', 'NSR', 'sinus rhythm', true, 'NORM'],
  ['284470004', 'PAC', 'premature atrial contraction', true, undefined],
  ['10370003', 'PR', 'pacing rhythm', true, undefined],
  ['365413008', 'PRWP', 'poor R wave Progression', true, undefined],
  ['427172004', 'PVC', 'premature ventricular contractions', true, undefined],
  ['164947007', 'LPR', 'prolonged pr interval', true, undefined],
  ['111975006', 'LQT', 'prolonged qt interval', true, 'STTC'],
  ['164917005', 'QAb', 'qwave abnormal', true, undefined],
  ['47665007', 'RAD', 'right axis deviation', true, undefined],
  ['59118001', 'RBBB', 'right bundle branch block', true, 'CD'],
  ['427393009', 'SA', 'sinus arrhythmia', true, undefined],
  ['426177001', 'SB', 'sinus bradycardia', true, undefined],
  ['427084000', 'STach', 'sinus tachycardia', true, undefined],
  ['63593006', 'SVPB', 'supraventricular premature beats', true, undefined],
  ['164934002', 'TAb', 't wave abnormal', true, 'STTC'],
  ['59931005', 'TInv', 't wave inversion', true, 'STTC'],
  ['17338001', 'VPB', 'ventricular premature beats', true, undefined],
  ['57054005', 'AMI', 'acute myocardial infarction', false, 'MI'],
  ['413444003', 'AMIs', 'acute myocardial ischemia', false, 'STTC'],
  ['426434006', 'AnMIs', 'anterior ischemia', false, 'STTC'],
  ['54329005', 'AnMI', 'anterior myocardial infarction', false, 'MI'],
  ['195126007', 'AH', 'atrial hypertrophy', false, undefined],
  ['713422000', 'ATach', 'atrial tachycardia', false, undefined],
  ['233917008', 'AVB', 'av block', false, 'CD'],
  ['27885002', 'CHB', 'complete heart block', false, 'CD'],
  ['413844008', 'CMI', 'chronic myocardial ischemia', false, 'STTC'],
  ['428417006', 'ERe', 'early repolarization', false, undefined],
  ['195042002', 'IIAVB', '2nd degree av block', false, 'CD'],
  ['426183003', 'IIAVBII', 'mobitz type II atrioventricular block', false, 'CD'],
  ['425419005', 'IIs', 'inferior ischaemia', false, 'STTC'],
  ['251120003', 'ILBBB', 'incomplete left bundle branch block', false, 'CD'],
  ['253352002', 'LAA', 'left atrial abnormality', false, undefined],
  ['67741000119109', 'LAE', 'left atrial enlargement', false, 'HYP'],
  ['446813000', 'LAH', 'left atrial hypertrophy', false, 'HYP'],
  ['425623009', 'LIs', 'lateral ischaemia', false, 'STTC'],
  ['445211001', 'LPFB', 'left posterior fascicular block', false, 'CD'],
  ['164873001', 'LVH', 'left ventricular hypertrophy', false, 'HYP'],
  ['55827005', 'LVHV', 'left ventricular high voltage', false, undefined],
  ['164865005', 'MI', 'myocardial infarction', false, 'MI'],
  ['164861001', 'MIs', 'myocardial ischemia', false, 'STTC'],
  ['54016002', 'MoI', 'mobitz type i wenckebach atrioventricular block', false, 'CD'],
  ['428750005', 'NSSTTA', 'nonspecific st t abnormality', false, 'STTC'],
  ['164867002', 'OldMI', 'old myocardial infarction', false, 'MI'],
  ['446358003', 'RAH', 'right atrial hypertrophy', false, 'HYP'],
  ['89792004', 'RVH', 'right ventricular hypertrophy', false, 'HYP'],
  ['55930002', 'STC', 's t changes', false, 'STTC'],
  ['429622005', 'STD', 'st depression', false, 'STTC'],
  ['164931005', 'STE', 'st elevation', false, 'STTC'],
  ['164930006', 'STIAb', 'st interval abnormal', false, 'STTC'],
  ['426761007', 'SVT', 'supraventricular tachycardia', false, undefined],
  ['164884008', 'VEB', 'ventricular ectopics', false, undefined],
  ['266249003', 'VH', 'ventricular hypertrophy', false, 'HYP'],
  ['164895002', 'VTach', 'ventricular tachycardia', false, undefined],
  ['74390002', 'WPW', 'wolff parkinson white pattern', false, 'CD'],
  ['164951009', 'abQRS', 'abnormal QRS', false, undefined],
];

export const DX_CLASSES: ReadonlyMap<string, DxClass> = new Map(
  ROWS.map(([code, abbr, name, scored, superclass]) => [code, superclass ? { code, abbr, name, scored, superclass } : { code, abbr, name, scored }]),
);

/** The named classes of `# Dx` codes (unknown codes kept with their code as the abbreviation). */
export function dxClasses(codes: readonly string[]): DxClass[] {
  return codes.map((c) => DX_CLASSES.get(c.trim()) ?? { code: c.trim(), abbr: c.trim(), name: `SNOMED CT ${c.trim()}`, scored: false });
}

/** PTB-XL superclasses of the codes (sorted, distinct); undefined when none of them has one. */
export function dxSuperclasses(codes: readonly string[]): Superclass[] | undefined {
  const out = new Set<Superclass>();
  for (const c of codes) {
    const s = DX_CLASSES.get(c.trim())?.superclass;
    if (s) out.add(s);
  }
  const order: Superclass[] = ['NORM', 'MI', 'STTC', 'CD', 'HYP'];
  return out.size ? order.filter((s) => out.has(s)) : undefined;
}
