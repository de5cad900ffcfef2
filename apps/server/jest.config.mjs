import { jestConfig } from '../../jest.preset.mjs';
// Integration suites share two cores with real databases: run files one at a time.
export default jestConfig(import.meta.dirname, { maxWorkers: 1, testTimeout: 30000 });
