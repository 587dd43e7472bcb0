/** Backend preferences (tfjs-free, so the experiment spec can validate them without pulling in tfjs). */
export type BackendPref = 'auto' | 'webgpu' | 'webgl' | 'wasm' | 'cpu';
export const BACKEND_PREFS: readonly BackendPref[] = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'];
