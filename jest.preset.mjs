// Shared Jest settings: ESM mode (NestJS 12 is ESM-only), TypeScript through @swc/jest,
// workspace packages mapped to their sources so tests never need a prior build.
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(fileURLToPath(import.meta.url));

const ESM_ONLY_FOR_CJS = '(htmlparser2|domhandler|domutils|dom-serializer|domelementtype|entities)';

/** @param {string} pkgDir absolute path of the package using the preset */
export function jestConfig(pkgDir, overrides = {}) {
  return {
    rootDir: pkgDir,
    testEnvironment: 'node',
    extensionsToTreatAsEsm: ['.ts', '.tsx'],
    transform: {
      '^.+\\.tsx?$': [
        '@swc/jest',
        {
          jsc: {
            parser: { syntax: 'typescript', decorators: true, tsx: true },
            transform: { legacyDecorator: true, decoratorMetadata: true, react: { runtime: 'automatic' } },
            target: 'es2022',
            keepClassNames: true,
          },
          module: { type: 'es6' },
        },
      ],
      // sanitize-html (CommonJS) requires htmlparser2 12 and its ESM-only dependencies. Node 20
      // does that natively (require(esm)); Jest on Node < 24.9 cannot, so they become CommonJS here.
      [`/node_modules/\\.pnpm/${ESM_ONLY_FOR_CJS}@[^/]+/.+\\.js$`]: [
        '@swc/jest',
        { jsc: { target: 'es2022' }, module: { type: 'commonjs' } },
      ],
    },
    transformIgnorePatterns: [`/node_modules/(?!(\\.pnpm/)?${ESM_ONLY_FOR_CJS}[@/])`],
    moduleNameMapper: {
      '^@flowpress/shared$': path.join(root, 'packages/shared/src/index.ts'),
      '^@flowpress/nodes$': path.join(root, 'packages/nodes/src/index.ts'),
      '^@flowpress/nodes/(.*)$': path.join(root, 'packages/nodes/src/$1.ts'),
      '^(\\.{1,2}/.*)\\.js$': '$1',
    },
    testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
    testPathIgnorePatterns: ['/node_modules/', '/dist/'],
    ...overrides,
  };
}
