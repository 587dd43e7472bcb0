/** Messages between the bench page and its worker. */
export interface BenchRequest {
  backends: string[];
  batch: number;
  seconds: number;
  /** Also run pickFastestBackend over these backends (a tiny step) and report its choice. */
  pick: boolean;
  /** Kernel-thread counts to measure wasm+kernels with (needs cross-origin isolation; default [1]). */
  threads?: number[];
}

export interface BrowserRow {
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
