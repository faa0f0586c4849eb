// The tests build tokens with the same generator the detectors' examples use.
export * from '../../src/rules/secrets/example-tokens.js';
