/**
 * How long a test waits for work (an import, a generation, a training run) to finish: a guard against a hang, sized
 * for a loaded 2-core machine, never a statement about speed (speed is `npm run bench -- ui`'s business).
 */
export const WORK_TIMEOUT = 600_000;
