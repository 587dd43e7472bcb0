/** Pure summaries of what the UI bench records in the page (long tasks, change-event marks). */

/** A main-thread long task as PerformanceObserver('longtask') reports it (page clock, ms). */
export interface LongTask {
  start: number;
  duration: number;
}

export interface LongTaskSummary {
  long_tasks: number;
  max_long_task_ms: number;
  total_long_task_ms: number;
}

/** Count, longest and summed duration of the long tasks that started within [from, to]. */
export function summariseLongTasks(tasks: LongTask[], from: number, to: number): LongTaskSummary {
  const inside = tasks.filter((t) => t.start >= from && t.start <= to);
  return {
    long_tasks: inside.length,
    max_long_task_ms: inside.reduce((m, t) => Math.max(m, t.duration), 0),
    total_long_task_ms: inside.reduce((s, t) => s + t.duration, 0),
  };
}

/**
 * Time the app's change handlers took for one change event: from the capture listener on the document (before
 * any of the app's listeners) to the bubble listener on the window (after all of them). `marks` holds both
 * phases of each event in order: [capture, bubble, capture, bubble, …]; the first complete pair counts.
 * Null when no complete pair was seen.
 */
export function changeHandlerMs(marks: { phase: 'capture' | 'bubble'; t: number }[]): number | null {
  const start = marks.findIndex((m) => m.phase === 'capture');
  if (start < 0) return null;
  const end = marks.findIndex((m, i) => i > start && m.phase === 'bubble');
  return end < 0 ? null : marks[end].t - marks[start].t;
}
