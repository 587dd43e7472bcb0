/** Messages between the bench page and its worker. */
export interface BenchRequest {
  backends: string[];
  batch: number;
  seconds: number;
  /** Also run pickFastestBackend over these backends (a tiny step) and report its choice. */
  pick: boolean;
  /** Kernel-thread counts to measure wasm+kernels with (needs cross-origin isolation; default [1]). */
  threads?: number[];
  /** Models: 'ref' (the reference model) and zoo kinds (tiny-cnn on 1 lead, the others on 8); default ['ref']. */
  models?: string[];
  /** Input length of the zoo models (default 1000; ref stays at 1000). */
  samples?: number;
}

export interface BrowserRow {
  model: string;
  /** leads × samples */
  input: string;
  backend: string;
  /** Threads doing kernel work (wasm+kernels with kernel threads). */
  threads?: number;
  train_samples_per_s?: number;
  infer_samples_per_s?: number;
  ms_per_step?: number;
  error?: string;
}

export interface BenchReply {
  rows: BrowserRow[];
  pick?: { backend: string; timings: { backend: string; msPerStep?: number; error?: string }[] };
  userAgent: string;
  crossOriginIsolated: boolean;
  log: string[];
}
