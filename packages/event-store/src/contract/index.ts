export { type EventStoreHarness, testEventStore } from './event-store-contract.js'
