/**
 * The fault suite (`npm run test:faults`): test/faults/*.fault-spec.ts kill
 * workers and restart, empty or cut off real services, so its files run one
 * at a time (--runInBand) and apart from `npm test`.
 */
const base = require('./jest.config');

module.exports = {
  ...base,
  roots: ['<rootDir>/test/faults'],
  testRegex: '.*\\.fault-spec\\.ts$',
  testTimeout: 180000,
};
