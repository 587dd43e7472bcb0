export async function runBench(_args: string[]): Promise<unknown[]> {
  throw new Error('bench train is not implemented yet');
}
