import { describe, expect, it } from 'vitest';
import { createWorkerClient } from './workerClient';

class CrashError extends Error {}

/** A stand-in Worker: an EventTarget that swallows posts and records termination. */
class FakeWorker extends EventTarget {
  terminated = false;
  postMessage(): void {}
  terminate(): void {
    this.terminated = true;
  }
}

function errorEvent(message: string): Event {
  const e = new Event('error', { cancelable: true });
  Object.assign(e, { message });
  return e;
}

function setup(handleErrorEvent = false) {
  const workers: FakeWorker[] = [];
  const client = createWorkerClient<{ ping(): string }>({
    create: () => {
      const w = new FakeWorker();
      workers.push(w);
      return w as unknown as Worker;
    },
    label: 'test worker',
    crashError: (msg) => new CrashError(msg),
    handleErrorEvent,
  });
  return { client, workers };
}

describe('createWorkerClient', () => {
  it('starts one worker lazily and reuses it', async () => {
    const { client, workers } = setup();
    expect(client.current()).toBeNull();
    expect(await client.run(async () => 1)).toBe(1);
    expect(await client.run(async () => 2)).toBe(2);
    expect(workers).toHaveLength(1);
    expect(client.current()).not.toBeNull();
  });

  it('rejects pending calls with the crash error, then starts a fresh worker on retry', async () => {
    const { client, workers } = setup(true);
    const pending = client.run(() => new Promise<never>(() => undefined));
    const ev = errorEvent('boom');
    workers[0]!.dispatchEvent(ev);
    await expect(pending).rejects.toThrow(new CrashError('The test worker crashed: boom'));
    expect(ev.defaultPrevented).toBe(true);
    expect(workers[0]!.terminated).toBe(true);
    expect(client.current()).toBeNull();
    expect(await client.run(async () => 'again')).toBe('again');
    expect(workers).toHaveLength(2);
  });

  it('names an unknown error as a possible out-of-memory, and unreadable messages too', async () => {
    const { client, workers } = setup();
    const a = client.run(() => new Promise<never>(() => undefined));
    const ev = errorEvent('');
    workers[0]!.dispatchEvent(ev);
    await expect(a).rejects.toThrow('The test worker crashed: unknown error (out of memory?)');
    expect(ev.defaultPrevented).toBe(false);
    const b = client.run(() => new Promise<never>(() => undefined));
    workers[1]!.dispatchEvent(new Event('messageerror'));
    await expect(b).rejects.toThrow('The test worker sent a message that could not be read.');
  });

  it('restart terminates the worker; the next call starts another', async () => {
    const { client, workers } = setup();
    await client.run(async () => undefined);
    client.restart();
    expect(workers[0]!.terminated).toBe(true);
    expect(client.current()).toBeNull();
    await client.run(async () => undefined);
    expect(workers).toHaveLength(2);
  });
});
