// The mock OpenAI in its own process, so the bench's process.cpuUsage() counts the client only.
// Prints its base URL on the first line of stdout; exits when stdin closes.
import { startMockOpenAI } from '../dist/testing/mock-openai.js';

const reply = process.argv[2] ?? 'Mock reply';
const mock = await startMockOpenAI({ reply: () => reply });
process.stdout.write(`${mock.url}\n`);
process.stdin.resume();
process.stdin.on('end', () => void mock.close().then(() => process.exit(0)));
