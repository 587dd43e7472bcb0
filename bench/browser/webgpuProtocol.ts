/** What the WebGPU check page (webgpuPage.ts) answers; shared by its Node host, test and bench. */
export interface ConvCase {
  batch: number;
  width: number;
  cin: number;
  cout: number;
  k: number;
  stride: number;
  pad: 'same' | 'valid';
  /** 'none': tf.conv1d (Conv2D); 'bias' / 'bias-relu': tf.fused.conv2d (FusedConv2D) as the folded inference runs. */
  epilogue: 'none' | 'bias' | 'bias-relu';
}

export interface ConvParity {
  case: ConvCase;
  n: number;
  /** How many times our kernel ran (0: the stock kernel did the work). */
  ourCalls: number;
  /** Calls of our kernel during the stock pass (0: the stock kernel really ran). */
  stockRanOurs: number;
  /** Largest |ours − stock webgpu|. */
  oursVsStock: number;
  /** Largest |ours − cpu| and |stock webgpu − cpu|, and the largest |cpu| for scale. */
  maxAbsErr: number;
  stockMaxAbsErr: number;
  maxAbs: number;
  backend: string;
}

/** One gradient check: tf.grads of a conv (1-D, or 2-D with `rows` > 1 to check the fall-through) seeded by dy. */
export interface GradCase {
  batch: number;
  width: number;
  cin: number;
  cout: number;
  k: number;
  stride: number;
  pad: 'same' | 'valid';
  /** Input rows (H); above 1 a 2-D conv with a 2-row filter, which our kernels must leave to the stock ones. */
  rows?: number;
}

export interface GradError {
  n: number;
  /** Largest |webgpu − cpu| and the largest |cpu| for scale. */
  maxAbsErr: number;
  maxAbs: number;
}

export interface GradParity {
  case: GradCase;
  /** Calls of our filter / input gradient kernels during the webgpu pass. */
  filterCalls: number;
  inputCalls: number;
  /** Hand-offs of our registered kernels to the stock ones during the webgpu pass. */
  filterFallbacks: number;
  inputFallbacks: number;
  dW: GradError;
  dx: GradError;
  backend: string;
}

export interface SyncGuardReply {
  backend: string;
  /** The error a synchronous read raised (null: it returned). */
  message: string | null;
  /** A value read asynchronously afterwards (3 when the device survived). */
  after: number;
  lost: string | null;
}

export interface KernelProfileRow {
  kernel: string;
  calls: number;
  ms: number;
}

export interface ProfileReply {
  model: string;
  batch: number;
  samples: number;
  /** Profiled steps per variant (alternating); times are medians over them. */
  reps: number;
  stock: { rows: KernelProfileRow[]; totalMs: number; wallMs: number };
  ours: { rows: KernelProfileRow[]; totalMs: number; wallMs: number };
}

export interface TrainLossReply {
  backend: string;
  /** Whether trainModel kept the training set on the device. */
  resident: boolean;
  ourConvCalls: number;
  ourFilterGradCalls: number;
  ourInputGradCalls: number;
  /** Every batch loss in order, as onBatch reported it. */
  batches: number[];
  epochs: number[];
  valLoss: number;
  lost: string | null;
}
