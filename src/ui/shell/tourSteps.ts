/** The guided tour: the paper's idea in six short steps, each on the panel it talks about. */
import type { PanelId } from '../../store/uiStore';

export interface TourStep {
  panel: PanelId;
  title: string;
  body: string;
  /** CSS selectors of the control the step explains, first match wins; the tour highlights it and sits beside it. */
  anchor: string[];
}

export const TOUR_STEPS: TourStep[] = [
  {
    panel: 'designer',
    title: 'The idea: learn from synthetic ECGs first',
    body: 'Labelled real ECGs are scarce. This lab reproduces “Inductive transfer learning from regression to classification in ECG analysis” (Jayasundara et al., 2025): pretrain a network on synthetic ECGs whose labels are exact, then transfer it to diagnose real ones.',
    anchor: ['.demo-callout'],
  },
  {
    panel: 'designer',
    title: 'Design a heartbeat',
    body: 'Move a slider: the ECG is re-synthesized instantly. The coloured bands mark the P wave, QRS complex and T wave; the cards show the exact heart rate, PR, QRS and QT the signal was built with. These numbers are the regression targets.',
    anchor: ['.control-groups', '.designer-top'],
  },
  {
    panel: 'designer',
    title: 'From one record to a dataset',
    body: 'Switch to “Dataset” to draw the parameters from distributions (fixed, uniform or normal) and generate thousands of records in the background, each with exact labels.',
    anchor: ['[role="radiogroup"][aria-label="Designer mode"]'],
  },
  {
    panel: 'data',
    title: 'Bring real data — it never leaves this computer',
    body: 'Drop a PTB-XL folder (or a zip): the records are parsed in your browser and grouped into NORM, MI, STTC, CD and HYP. The record browser shows each ECG with its labels and annotations.',
    anchor: ['[data-testid="dropzone"]'],
  },
  {
    panel: 'experiment',
    title: 'Pretrain, transfer, compare',
    body: 'Stage 1 regresses HR/PR/QRS/QT on synthetic data. Stage 2 swaps the regression head for a classifier and fine-tunes on real labels. A from-scratch baseline runs on the same split, so the benefit of the transfer is measured, not assumed.',
    anchor: ['[data-testid="stage-plan"]', '.lab-experiment h2'],
  },
  {
    panel: 'results',
    title: 'Watch it learn',
    body: 'Loss and per-interval MAE curves, the confusion matrix and ROC curves update every epoch. Try the default synthetic demo first: it runs in about a minute on a laptop CPU.',
    anchor: ['[data-testid^="loss-chart-"]', '.lab-results .lab-empty', '.lab-results h2'],
  },
];
