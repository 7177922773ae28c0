/** The tracking module's public door (spec §9). */
export { trackingRoutes, type TrackingRouteContext } from './tracking.routes.js';
export { trackingPollJob, pollTracking, advanceTracking } from './poll-tracking.js';
export { createCarrierKey, revokeCarrierKeys, findCarrierByKeyHash, type CarrierCaller } from './carrier-keys.js';
export { ingestCarrierEvents, type EventCaller } from './ingest-carrier-events.js';
