/**
 * A dynamic `import()` run once, on first call, and shared by every caller after that. Used for
 * what a process may never need (LangChain and the `openai` client until the first model call,
 * pngjs until the first offline image): loading them at start costs start-up time and idle
 * memory. A failed load is not cached, so the next call tries again.
 */
export function lazyImport<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () =>
    (loading ??= load().catch((err: unknown) => {
      loading = undefined;
      throw err;
    }));
}
