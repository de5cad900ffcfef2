/**
 * A minimal Server-Sent Events reader for OpenAI-compatible chat streams: it takes the text of
 * one network read and returns the `data:` payloads of every event that read completed. Only
 * what those servers send is handled (data, comments, CRLF or LF line ends); `event:`, `id:` and
 * `retry:` are read as fields and ignored, because chat streams carry everything in `data:`.
 */
export class SseReader {
  private pending = '';
  private data: string[] = [];

  /** Feeds decoded text; returns the data of each event it completed, in order. */
  push(text: string): string[] {
    const events: string[] = [];
    const input = this.pending + text;
    let start = 0;
    for (;;) {
      const end = input.indexOf('\n', start);
      if (end < 0) break;
      const line =
        input.charCodeAt(end - 1) === 13 ? input.slice(start, end - 1) : input.slice(start, end);
      start = end + 1;
      if (line === '') {
        // A blank line ends the event; one with no data lines is no event at all.
        if (this.data.length > 0) {
          events.push(this.data.length === 1 ? (this.data[0] as string) : this.data.join('\n'));
          this.data = [];
        }
        continue;
      }
      if (line.charCodeAt(0) === 58) continue; // ':' starts a comment (keep-alives)
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      if (field !== 'data') continue;
      let value = colon < 0 ? '' : line.slice(colon + 1);
      if (value.charCodeAt(0) === 32) value = value.slice(1);
      this.data.push(value);
    }
    this.pending = start === 0 ? input : input.slice(start);
    return events;
  }

  /** True when the stream stopped inside an event (bytes after the last blank line). */
  get midEvent(): boolean {
    return this.data.length > 0 || this.pending.trim() !== '';
  }
}
