/** Where the real ECG records for tests live: env ECG_DATA, default ../shared/data beside the project root. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export const ECG_DATA = resolve(process.env.ECG_DATA ?? resolve(__dirname, '../../../shared/data'));

export function dataPath(...parts: string[]): string {
  return resolve(ECG_DATA, ...parts);
}

export const hasEcgData = existsSync(ECG_DATA);
