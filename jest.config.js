/** Unit tests sit beside the code (src/**\/*.spec.ts); end-to-end tests live in test/. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testRegex: '.*\\.(spec|e2e-spec)\\.ts$',
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: 'tsconfig.jest.json' }],
  },
  // Stops a run that needs the browser on a machine without one, before any test starts.
  globalSetup: '<rootDir>/test/support/require-browser.ts',
  moduleFileExtensions: ['ts', 'js', 'json'],
  testTimeout: 60000,
};
