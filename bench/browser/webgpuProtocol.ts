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
  /** Every batch loss in order, as onBatch reported it. */
  batches: number[];
  epochs: number[];
  valLoss: number;
  lost: string | null;
}
