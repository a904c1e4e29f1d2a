/** Move Jest's fake clock on by `ms` and let the promises that fall due settle. */
export async function advance(ms: number): Promise<void> {
  await jest.advanceTimersByTimeAsync(ms);
}
