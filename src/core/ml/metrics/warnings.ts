/**
 * Plain-language warnings about a test split and a model's predictions on it, shown next to the numbers
 * they concern: too few test records, too few records of a class, a metric that cannot be computed for a
 * class, and a model that gives (almost) the same answer for every record.
 */
import { argmaxRows } from './classification';

export interface ResultWarning {
  code: 'small-test-split' | 'small-class' | 'undefined-metric' | 'one-class-predictions';
  /** Plain words a teacher can read aloud. */
  message: string;
  stage?: string;
  className?: string;
  /** The number behind the warning: records in the split or class, or the share of one predicted class. */
  value?: number;
}

/** A test split with fewer records than this gets a warning. */
export const MIN_TEST_RECORDS = 50;
/** A class with fewer test records (positives, for multi-label) than this gets a warning. */
export const MIN_CLASS_RECORDS = 10;
/** A model whose top class is the same for more than this share of records gets a warning. */
export const MAX_ONE_CLASS_SHARE = 0.9;

/** A share above 90 % as a percentage that never reads as 90 % or 100 % when it is not. */
function percent(share: number): string {
  const whole = Math.round(share * 100);
  const text = whole <= 90 || whole >= 100 ? (Math.floor(share * 1000) / 10).toFixed(1) : String(whole);
  return `${text} %`;
}

const plural = (k: number, one: string, many: string) => `${k} ${k === 1 ? one : many}`;

export function testSetWarnings(args: {
  stage?: string;
  classes: string[];
  labels?: ArrayLike<number>;
  multiHot?: ArrayLike<number>;
  probs: ArrayLike<number>;
}): ResultWarning[] {
  const { stage, classes, labels, multiHot, probs } = args;
  const k = classes.length;
  if (k === 0) throw new Error('testSetWarnings needs at least one class');
  const n = labels ? labels.length : multiHot ? Math.floor(multiHot.length / k) : Math.floor(probs.length / k);
  const base = stage === undefined ? {} : { stage };
  const out: ResultWarning[] = [];

  if (n < MIN_TEST_RECORDS) {
    out.push({
      ...base,
      code: 'small-test-split',
      value: n,
      message: `The test split has only ${plural(n, 'record', 'records')} (fewer than ${MIN_TEST_RECORDS}), so these results can change a lot by chance.`,
    });
  }

  if (labels || multiHot) {
    const positives = new Array<number>(k).fill(0);
    if (labels) for (let i = 0; i < n; i++) positives[labels[i]]++;
    else for (let i = 0; i < n; i++) for (let c = 0; c < k; c++) if (multiHot![i * k + c]) positives[c]++;
    for (let c = 0; c < k; c++) {
      const name = classes[c];
      const pos = positives[c];
      if (pos < MIN_CLASS_RECORDS) {
        out.push({
          ...base,
          code: 'small-class',
          className: name,
          value: pos,
          message: pos === 0
            ? `The test split has no ${name} records, so nothing can be said about how well ${name} is recognised.`
            : `Only ${plural(pos, 'test record is', 'test records are')} ${name} (fewer than ${MIN_CLASS_RECORDS}), so the results for ${name} are rough.`,
        });
      }
      if (n > 0 && (pos === 0 || pos === n)) {
        out.push({
          ...base,
          code: 'undefined-metric',
          className: name,
          value: pos,
          message: pos === 0
            ? `The AUC for ${name} cannot be computed: no test record is ${name}.`
            : `The AUC for ${name} cannot be computed: every test record is ${name}, so there is nothing to tell it apart from.`,
        });
      }
    }
  }

  if (n > 0 && probs.length >= n * k) {
    const pred = argmaxRows(probs, k);
    const counts = new Array<number>(k).fill(0);
    for (let i = 0; i < n; i++) counts[pred[i]]++;
    for (let c = 0; c < k; c++) {
      const share = counts[c] / n;
      if (share > MAX_ONE_CLASS_SHARE) {
        out.push({
          ...base,
          code: 'one-class-predictions',
          className: classes[c],
          value: share,
          message: counts[c] === n
            ? `The model answers ${classes[c]} for every test record, so it may have learned to give the same answer every time.`
            : `The model answers ${classes[c]} for ${percent(share)} of the test records, so it may have learned to give (almost) the same answer every time.`,
        });
      }
    }
  }
  return out;
}
