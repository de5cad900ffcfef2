/**
 * An async `load` run once, on first call, and shared by every caller after that. For what a
 * process may never need (LangChain and the `openai` client until the first model call, pngjs
 * until the first offline image, `@nestjs/swagger` until the API docs are asked for): loading it
 * at start costs start-up time and idle memory. A failed load is not cached, so the next call
 * tries again.
 */
export function lazyAsync<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () =>
    (loading ??= load().catch((err: unknown) => {
      loading = undefined;
      throw err;
    }));
}
