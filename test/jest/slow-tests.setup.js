// Integration and end-to-end tests boot a server with its own embedded TimescaleDB: allow them
// time. (testTimeout is a global Jest option; per project it must be set from a setup file.)
jest.setTimeout(120_000);
