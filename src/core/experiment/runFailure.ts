/** An engine error as a RunFailure with a code, classified once where it is thrown (the training host). */
import { CancelledError } from '../ml/control';
import type { RunFailure } from './contract/errors';
import { SpecError } from './spec';

/**
 * Allocation failures are foreign errors (tfjs tensors, the wasm heap, typed arrays) with no type of their own:
 * RangeError from typed-array allocation, or these phrases from tfjs and emscripten.
 */
const OOM = /out of memory|\bOOM\b|allocation failed|failed to allocate|memory access out of bounds/i;

export function failureOf(e: unknown, stage?: string): RunFailure {
  const message = e instanceof Error ? e.message : String(e);
  const at = stage ? { stage } : {};
  if (e instanceof CancelledError) return { code: 'cancelled', message, ...at };
  if (e instanceof SpecError) return { code: 'invalid-spec', message, ...(e.path ? { path: e.path } : {}) };
  if (e instanceof RangeError || OOM.test(message)) return { code: 'out-of-memory', message: `out of memory${stage ? ` in stage ${stage}` : ''}: ${message}`, ...at };
  return { code: 'failed', message, ...at };
}
