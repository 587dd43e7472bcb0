import { useRef, useState } from 'react';
import type { ImportFileRef } from '../../../workers/data.protocol';
import { filesFromDrop, filesFromInput } from './collectFiles';

export function DropZone({ onFiles, busy }: { onFiles(files: ImportFileRef[]): void; busy: boolean }) {
  const [over, setOver] = useState(false);
  const filesRef = useRef<HTMLInputElement>(null);
  const dirRef = useRef<HTMLInputElement>(null);
  return (
    <div
      className={over ? 'dropzone over' : 'dropzone'}
      data-testid="dropzone"
      onDragOver={(e) => {
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={async (e) => {
        e.preventDefault();
        setOver(false);
        const files = await filesFromDrop(e.dataTransfer);
        if (files.length) onFiles(files);
      }}
    >
      <p>
        <strong>Drop ECG files, folders or .zip archives here</strong>
      </p>
      <p className="muted" style={{ fontSize: '0.85rem' }}>
        WFDB (.hea + .dat/.mat, annotations .atr, LUDB .i/.ii/…), PTB-XL folders with ptbxl_database.csv, EDF/EDF+, CSV, JSON
      </p>
      <button type="button" className="btn" onClick={() => filesRef.current?.click()} disabled={busy}>
        Choose files…
      </button>
      <button type="button" className="btn" onClick={() => dirRef.current?.click()} disabled={busy}>
        Choose a folder…
      </button>
      <label className="visually-hidden">
        Choose files
        <input
          ref={filesRef}
          type="file"
          multiple
          data-testid="file-input"
          onChange={(e) => {
            const files = filesFromInput(e.target.files);
            e.target.value = '';
            if (files.length) onFiles(files);
          }}
        />
      </label>
      <label className="visually-hidden">
        Choose a folder
        <input
          ref={dirRef}
          type="file"
          multiple
          data-testid="folder-input"
          {...({ webkitdirectory: '' } as Record<string, string>)}
          onChange={(e) => {
            const files = filesFromInput(e.target.files);
            e.target.value = '';
            if (files.length) onFiles(files);
          }}
        />
      </label>
    </div>
  );
}
