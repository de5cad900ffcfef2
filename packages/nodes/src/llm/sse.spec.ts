import { SseReader } from './sse.js';

const STREAM =
  ': keep-alive\r\n\r\n' +
  'data: {"a":1}\r\n\r\n' +
  'event: message\nid: 7\ndata: {"b":\ndata: 2}\n\n' +
  'data:[DONE]\n\n';

describe('SseReader', () => {
  it('reads data events, skipping comments and other fields, with CRLF or LF line ends', () => {
    expect(new SseReader().push(STREAM)).toEqual(['{"a":1}', '{"b":\n2}', '[DONE]']);
  });

  it('gives the same events however the text is split across reads', () => {
    for (let size = 1; size <= 7; size++) {
      const reader = new SseReader();
      const events: string[] = [];
      for (let at = 0; at < STREAM.length; at += size)
        events.push(...reader.push(STREAM.slice(at, at + size)));
      expect(events).toEqual(['{"a":1}', '{"b":\n2}', '[DONE]']);
      expect(reader.midEvent).toBe(false);
    }
  });

  it('knows when a stream stopped inside an event', () => {
    const reader = new SseReader();
    expect(reader.push('data: {"a":1}\n\ndata: {"b"')).toEqual(['{"a":1}']);
    expect(reader.midEvent).toBe(true);
  });
});
