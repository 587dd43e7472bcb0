export async function runBench(_args: string[]): Promise<unknown[]> {
  throw new Error('bench synth is not implemented yet');
}
