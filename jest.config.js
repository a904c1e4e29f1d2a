/*
 * Jest for src/: ts-jest compiles the TypeScript sources and, since several
 * @jupyterlab/* packages (and some of their dependencies) ship ES modules,
 * those JavaScript files too. Everything else in node_modules is CommonJS.
 */
const esModules = [
  '@jupyter',
  '@jupyterlab',
  '@microsoft',
  'exenv-es6',
  'lib0',
  'nanoid',
  'y-protocols',
  'yjs'
].join('|');

const tsJest = ['ts-jest', { tsconfig: 'tsconfig.test.json' }];

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'jsdom',
  setupFiles: ['<rootDir>/src/__tests__/stubs/dom.ts'],
  testMatch: ['<rootDir>/src/**/__tests__/**/*.spec.ts?(x)'],
  transform: {
    '^.+\\.tsx?$': tsJest,
    '^.+\\.m?jsx?$': tsJest
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esModules})/)`],
  moduleNameMapper: {
    '\\.svg$': '<rootDir>/src/__tests__/stubs/svg.ts',
    '\\.css$': '<rootDir>/src/__tests__/stubs/css.ts'
  },
  testPathIgnorePatterns: ['/node_modules/', '/lib/', '/ui-tests/'],
  modulePathIgnorePatterns: [
    '<rootDir>/jupyterlab_mlstudio/',
    '<rootDir>/.venv/',
    '<rootDir>/.venv-[^/]+/'
  ],
  collectCoverageFrom: ['src/**/*.{ts,tsx}', '!src/**/__tests__/**']
};
