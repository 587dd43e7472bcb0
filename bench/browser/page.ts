/** Bench page: starts the worker with the request from the URL (?req=JSON) and exposes the reply on window. */
import type { BenchReply, BenchRequest } from './protocol';

const w = window as unknown as { __benchReply?: BenchReply; __benchError?: string };
const req = JSON.parse(new URLSearchParams(location.search).get('req') ?? '{}') as BenchRequest;
const worker = new Worker(new URL('./bench.worker.ts', import.meta.url), { type: 'module' });
worker.onmessage = (e: MessageEvent<{ log?: string; reply?: BenchReply; error?: string }>) => {
  const el = document.getElementById('log')!;
  if (e.data.log) el.textContent += `\n${e.data.log}`;
  if (e.data.reply) w.__benchReply = e.data.reply;
  if (e.data.error) w.__benchError = e.data.error;
};
worker.onerror = (e) => {
  w.__benchError = `worker error: ${e.message}`;
};
worker.postMessage(req);
