/** The tests' PKI is the demo's (server/demo/pki.ts): made in the test, never a fixture. */
export * from '../../server/demo/pki.ts';
