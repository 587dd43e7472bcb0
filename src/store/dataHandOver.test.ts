/**
 * The page hands the data worker only the files an import needs (a PTB-XL folder's other rate and side files stay
 * behind, accounted for as skipped) and keeps no File handles once they are handed over. The worker is faked.
 */
import { describe, expect, it, vi } from 'vitest';
import type { ImportFileRef } from '../../workers/data.protocol';
import { filesToHandOver } from '../core/data/handOverFiles';

const fake = vi.hoisted(() => ({ staged: [] as string[], direct: [] as string[] }));

vi.mock('../../workers/dataClient', () => ({
  WorkerCrashError: class extends Error {},
  Comlink: { proxy: <T>(fn: T) => fn },
  withDataWorker: async <T>(fn: (w: unknown) => T) =>
    fn({
      stageFiles: async (_id: string, files: ImportFileRef[]) => void fake.staged.push(...files.map((f) => f.name)),
      importFiles: async (what: ImportFileRef[] | string) => {
        if (typeof what !== 'string') fake.direct.push(...what.map((f) => f.name));
        const sent = typeof what === 'string' ? fake.staged : fake.direct;
        return { errors: [], recordCount: 0, files: sent.map((file) => ({ file, fate: 'part', note: 'read' })) };
      },
    }),
}));

const { useDataStore } = await import('./dataStore');

function ptbxlTree(records: number): ImportFileRef[] {
  const names = ['ptbxl/ptbxl_database.csv', 'ptbxl/scp_statements.csv', 'ptbxl/LICENSE.txt', 'ptbxl/RECORDS', 'ptbxl/.DS_Store', 'ptbxl/example_physionet.py'];
  for (let i = 1; i <= records; i++) {
    const id = String(i).padStart(5, '0');
    for (const ext of ['hea', 'dat']) names.push(`ptbxl/records100/00000/${id}_lr.${ext}`, `ptbxl/records500/00000/${id}_hr.${ext}`);
  }
  return names.map((name) => ({ name, file: new Blob([name]) }));
}

describe('files handed to the data worker', () => {
  it('leaves out the PTB-XL rate not chosen and files no reader takes, each accounted for with its reason', () => {
    const files = [...ptbxlTree(2), { name: 'more.zip', file: new Blob() }, { name: 'notes/readme.md', file: new Blob() }];
    const { send, skipped } = filesToHandOver(files, 100);
    expect(send.map((f) => f.name).sort()).toEqual(['more.zip', 'ptbxl/ptbxl_database.csv', 'ptbxl/records100/00000/00001_lr.dat', 'ptbxl/records100/00000/00001_lr.hea', 'ptbxl/records100/00000/00002_lr.dat', 'ptbxl/records100/00000/00002_lr.hea', 'ptbxl/scp_statements.csv']);
    expect(send.length + skipped.length).toBe(files.length);
    expect(skipped.filter((s) => s.note === 'PTB-XL 500 Hz file, 100 Hz chosen').map((s) => s.file)).toHaveLength(4);
    expect(skipped.filter((s) => s.note === 'documentation or side file (not a recording)').map((s) => s.file).sort()).toEqual(['notes/readme.md', 'ptbxl/.DS_Store', 'ptbxl/LICENSE.txt', 'ptbxl/RECORDS', 'ptbxl/example_physionet.py']);
    // 500 Hz chosen: the 100 Hz half stays behind; both: every signal file goes
    expect(filesToHandOver(files, 500).send.some((f) => f.name.includes('records100'))).toBe(false);
    expect(filesToHandOver(files, 'both').send.filter((f) => f.name.endsWith('.dat'))).toHaveLength(4);
    // without ptbxl_database.csv a records500 folder is just a folder
    expect(filesToHandOver(files.filter((f) => !f.name.endsWith('ptbxl_database.csv')), 100).send.some((f) => f.name.includes('records500'))).toBe(true);
    // the worker's own filter leaves side files to the readers
    expect(filesToHandOver(files, 100, { sideFiles: false }).skipped).toHaveLength(4);
  });

  it('a large folder pick: the worker gets only the needed files, the report counts every file picked', async () => {
    const files = ptbxlTree(120);
    await useDataStore.getState().importFiles(files, 100);
    expect(fake.staged).toHaveLength(2 + 240);
    expect(fake.staged.some((n) => n.includes('records500') || n.endsWith('.txt'))).toBe(false);
    const report = useDataStore.getState().lastImport!;
    expect(report.fileCount).toBe(files.length);
    expect(report.files).toHaveLength(files.length);
    expect(new Set(report.files.map((f) => f.file)).size).toBe(files.length);
    expect(report.files.filter((f) => f.fate === 'skipped')).toHaveLength(240 + 4);
  });
});
