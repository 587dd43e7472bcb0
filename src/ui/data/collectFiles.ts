/** Collects dropped files, folders (webkitGetAsEntry directory traversal) and picked files with their relative paths. */
import type { ImportFileRef } from '../../../workers/data.protocol';

function readAllEntries(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  return new Promise((resolve, reject) => {
    const all: FileSystemEntry[] = [];
    const next = () =>
      reader.readEntries((batch) => {
        if (batch.length === 0) resolve(all);
        else {
          all.push(...batch);
          next(); // readEntries returns at most ~100 entries per call
        }
      }, reject);
    next();
  });
}

async function walk(entry: FileSystemEntry, out: ImportFileRef[]): Promise<void> {
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    out.push({ name: entry.fullPath.replace(/^\//, ''), file });
  } else if (entry.isDirectory) {
    const children = await readAllEntries((entry as FileSystemDirectoryEntry).createReader());
    for (const c of children) await walk(c, out);
  }
}

export async function filesFromDrop(dt: DataTransfer): Promise<ImportFileRef[]> {
  const out: ImportFileRef[] = [];
  const entries: FileSystemEntry[] = [];
  const loose: File[] = [];
  for (const item of Array.from(dt.items)) {
    if (item.kind !== 'file') continue;
    const entry = item.webkitGetAsEntry?.();
    if (entry) entries.push(entry);
    else {
      const f = item.getAsFile();
      if (f) loose.push(f);
    }
  }
  if (entries.length === 0 && loose.length === 0) loose.push(...Array.from(dt.files));
  for (const e of entries) await walk(e, out);
  for (const f of loose) out.push({ name: f.name, file: f });
  return out;
}

export function filesFromInput(list: FileList | null): ImportFileRef[] {
  return Array.from(list ?? []).map((f) => ({ name: f.webkitRelativePath || f.name, file: f }));
}
