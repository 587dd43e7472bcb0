/**
 * The CLI's model cache (`cli run --cache DIR`): one pretrained model per key as KEY.json (weight names and
 * shapes, stage result, target scaling) and KEY.bin (float32 weights), written via a temporary name and renamed
 * so a killed run leaves no half-written entry.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CachedModel, ModelCache } from '../src/core/experiment/run/modelCache';

const KEY = /^[0-9a-f]{16}$/;

export function fileModelCache(dir: string): ModelCache {
  mkdirSync(dir, { recursive: true });
  const paths = (key: string) => {
    if (!KEY.test(key)) throw new Error(`bad model cache key "${key}"`);
    return { meta: join(dir, `${key}.json`), bin: join(dir, `${key}.bin`) };
  };
  return {
    async get(key) {
      const p = paths(key);
      if (!existsSync(p.meta) || !existsSync(p.bin)) return undefined;
      const meta = JSON.parse(readFileSync(p.meta, 'utf8')) as Omit<CachedModel, 'weightData'>;
      return { ...meta, weightData: new Uint8Array(readFileSync(p.bin)) };
    },
    async put(key, entry) {
      const p = paths(key);
      const { weightData, ...meta } = entry;
      writeFileSync(`${p.bin}.tmp`, weightData);
      writeFileSync(`${p.meta}.tmp`, JSON.stringify(meta));
      renameSync(`${p.bin}.tmp`, p.bin);
      renameSync(`${p.meta}.tmp`, p.meta);
    },
  };
}
