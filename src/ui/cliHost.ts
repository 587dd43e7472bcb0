/**
 * The page `cli run --host chromium` drives (cli-host.html): no UI, only the lab's own workers through their
 * clients, so a headless browser runs a spec in exactly the training worker the lab uses. Imported sources are
 * read here with the lab's data worker from the files the CLI serves (their URLs come with the call). The CLI
 * calls `window.__cliHost.run` and receives the live events through `window.__cliHostEvents`, a function it exposes
 * before calling.
 */
import type { EcgDataset } from '../core/data/dataset';
import type { LiveEvent, RunOutcome } from '../core/experiment/contract';
import { withDataWorker } from '../../workers/dataClient';
import { Comlink, withTrainWorker } from '../../workers/trainClient';

/** An imported source's files as the CLI serves them, and the rate/length to read them at. */
export interface HostImport {
  key: string;
  files: { name: string; url: string }[];
  fs: number;
  ptbxlRate: 100 | 500;
}

declare global {
  interface Window {
    __cliHost?: { run(spec: unknown, imports: HostImport[]): Promise<RunOutcome> };
    __cliHostEvents?: (evs: LiveEvent[]) => Promise<void> | void;
  }
}

async function readImport(imp: HostImport): Promise<EcgDataset> {
  const files = await Promise.all(imp.files.map(async (f) => ({ name: f.name, file: await (await fetch(f.url)).blob() })));
  const r = await withDataWorker((api) => api.importFiles(files, undefined, imp.ptbxlRate, imp.fs));
  if (!r.dataset) throw new Error(`source "${imp.key}": no usable records (${r.errors[0]?.error ?? 'no files'})`);
  return r.dataset;
}

window.__cliHost = {
  async run(specIn, imports) {
    const spec = JSON.parse(JSON.stringify(specIn)) as { sources: Record<string, { fingerprint?: string }> };
    const datasets: EcgDataset[] = [];
    for (const imp of imports) {
      const ds = await readImport(imp);
      // several imported sources are matched to their datasets by fingerprint
      if (imports.length > 1) spec.sources[imp.key].fingerprint = ds.fingerprint;
      datasets.push(ds);
    }
    return withTrainWorker<RunOutcome>(async (api) =>
      api.run(
        spec,
        datasets,
        Comlink.proxy((evs: LiveEvent[]) => {
          void window.__cliHostEvents?.(evs);
        }),
      ),
    );
  },
};
document.title = 'ready';
