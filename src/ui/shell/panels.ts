/** The lab's panels, in the order of the paper's pipeline, with the short explanations shown beside each. */
import type { PanelId } from '../../store/uiStore';

export interface PanelInfo {
  id: PanelId;
  label: string;
  /** One line under the tab. */
  hint: string;
  /** "What is this step" beside the panel. */
  explain: { title: string; body: string[] };
}

export const PANEL_INFO: PanelInfo[] = [
  {
    id: 'designer',
    label: 'Designer',
    hint: '1 · synthetic ECGs',
    explain: {
      title: 'Step 1 — synthetic ECGs with exact labels',
      body: [
        'Every synthetic record is built from parameters you choose: heart rate, PR, QRS and QT intervals, wave amplitudes, axis and noise.',
        'Because we build the signal, its labels are exact by construction — no cardiologist needed. That makes unlimited, perfectly labelled data for a regression task.',
        'Dataset mode draws those parameters from distributions to make thousands of varied records.',
      ],
    },
  },
  {
    id: 'data',
    label: 'Data',
    hint: '2 · real recordings',
    explain: {
      title: 'Step 2 — real recordings, kept on this computer',
      body: [
        'Drop PTB-XL, LUDB, MIT-BIH or other WFDB/EDF/CSV files or whole folders and zips. They are parsed in your browser; nothing is uploaded.',
        'PTB-XL gives five diagnostic superclasses (NORM, MI, STTC, CD, HYP): the classification target of the paper.',
        'LUDB carries cardiologists’ wave boundaries, so real PR, QRS and QT intervals can be checked too.',
      ],
    },
  },
  {
    id: 'experiment',
    label: 'Experiment',
    hint: '3 · pretrain → transfer',
    explain: {
      title: 'Step 3 — regression pretraining, then transfer',
      body: [
        'A 1D-CNN first learns to regress HR, PR, QRS and QT from synthetic ECGs.',
        'Its convolutional features are then transferred: the regression head is swapped for a classification head (optionally freezing the early layers) and fine-tuned on real, labelled ECGs.',
        'A baseline trained from scratch on the same real data shows whether the transfer helped (paper: AUC 0.884 → up to 0.895).',
      ],
    },
  },
  {
    id: 'results',
    label: 'Results',
    hint: '4 · live metrics',
    explain: {
      title: 'Step 4 — watch it learn',
      body: [
        'Loss curves per stage, mean absolute error per interval in its unit (bpm, ms), the confusion matrix and ROC curves fill in live, epoch by epoch.',
        'The comparison table puts the baseline and every transfer side by side: accuracy, macro AUC and F1.',
      ],
    },
  },
  {
    id: 'history',
    label: 'History',
    hint: '5 · runs & export',
    explain: {
      title: 'Step 5 — keep, compare, share',
      body: [
        'Every run is kept in this browser (IndexedDB) and survives a reload. Compare runs, download the model and results, or copy a link that reproduces the experiment.',
      ],
    },
  },
];

export function panelInfo(id: PanelId): PanelInfo {
  return PANEL_INFO.find((p) => p.id === id) ?? PANEL_INFO[0];
}
