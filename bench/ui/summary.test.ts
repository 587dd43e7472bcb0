import { describe, expect, it } from 'vitest';
import { changeHandlerMs, summariseLongTasks } from './summary';

describe('UI bench summaries', () => {
  it('long tasks: only those starting inside the window count', () => {
    const tasks = [
      { start: 5, duration: 300 },
      { start: 10, duration: 60 },
      { start: 50, duration: 120 },
      { start: 100, duration: 51 },
      { start: 101, duration: 400 },
    ];
    expect(summariseLongTasks(tasks, 10, 100)).toEqual({ long_tasks: 3, max_long_task_ms: 120, total_long_task_ms: 231 });
    expect(summariseLongTasks(tasks, 200, 300)).toEqual({ long_tasks: 0, max_long_task_ms: 0, total_long_task_ms: 0 });
  });

  it('change handler: capture on the document to the next bubble on the window', () => {
    expect(changeHandlerMs([{ phase: 'capture', t: 100 }, { phase: 'bubble', t: 112.5 }, { phase: 'capture', t: 500 }, { phase: 'bubble', t: 900 }])).toBe(12.5);
    expect(changeHandlerMs([{ phase: 'bubble', t: 1 }, { phase: 'capture', t: 10 }, { phase: 'bubble', t: 14 }])).toBe(4);
    expect(changeHandlerMs([{ phase: 'capture', t: 10 }])).toBeNull();
    expect(changeHandlerMs([])).toBeNull();
  });
});
