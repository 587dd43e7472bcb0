/**
 * Set-up of the tfjs 'webgpu' backend once it is active: our 1-D convolution kernels (kernels/webgpu), a record
 * of device loss, and a guard on synchronous reads.
 *
 * Why the guard: tfjs-webgpu's `readSync` (behind dataSync/arraySync of a GPU-resident tensor) copies the buffer
 * through OffscreenCanvas 'webgpu' contexts. On Chromium's software adapter (SwiftShader, `isFallbackAdapter`),
 * `getCurrentTexture()` on such a canvas destroys the GPUDevice: the read returns zeros and every later read fails
 * with "Failed to execute 'mapAsync' on 'GPUBuffer': A valid external Instance reference no longer exists."
 * (reproduced without tfjs: configure an OffscreenCanvas webgpu context, call getCurrentTexture, then mapAsync any
 * buffer; see docs/performance.md). The lab reads asynchronously everywhere in training and evaluation; on a
 * software adapter any remaining synchronous read throws a clear error instead of silently killing the device.
 */

/** The part of tfjs-webgpu's backend read here. */
interface WebGpuBackendShape {
  device?: { lost?: Promise<{ reason?: string; message?: string }> };
  adapterInfo?: { vendor?: string; architecture?: string };
  tensorMap?: { get(dataId: object): { values?: unknown } | undefined };
  readSync?: (dataId: object) => unknown;
}

const SOFTWARE = /swiftshader|llvmpipe|software/i;
let lost: string | null = null;
const guarded = new WeakSet<object>();

/** Why the WebGPU device was lost, or null while it works. */
export function webgpuLostReason(): string | null {
  return lost;
}

/** True when tfjs-webgpu runs on a software adapter (SwiftShader). */
export function isSoftwareAdapter(backend: unknown): boolean {
  const info = (backend as WebGpuBackendShape).adapterInfo;
  return SOFTWARE.test(`${info?.vendor ?? ''} ${info?.architecture ?? ''}`);
}

export const SYNC_READ_MESSAGE =
  'synchronous read (dataSync/arraySync) of a GPU tensor on the software WebGPU adapter: Chromium destroys the device on that path; read with await data()';

/** Watches the device and, on a software adapter, makes GPU-resident synchronous reads throw. Idempotent. */
export function guardWebGpuBackend(backend: unknown): void {
  const b = backend as WebGpuBackendShape;
  if (typeof backend !== 'object' || backend === null || guarded.has(backend)) return;
  guarded.add(backend);
  lost = null;
  void b.device?.lost?.then((info) => {
    lost = `${info.reason ?? 'unknown'}: ${info.message ?? ''}`.trim();
  });
  const readSync = b.readSync;
  if (!readSync || !b.tensorMap || !isSoftwareAdapter(backend)) return;
  const map = b.tensorMap;
  b.readSync = function (this: unknown, dataId: object) {
    const d = map.get(dataId);
    if (d && d.values == null) throw new Error(SYNC_READ_MESSAGE);
    return readSync.call(this, dataId);
  };
}
