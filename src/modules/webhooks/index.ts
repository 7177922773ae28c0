/** The webhooks module's door: other modules write events; the server mounts the routes; npm start runs the job. */
export { writeConsignmentEvents, writeOrderEvent } from './outbox.js';
export { webhookDeliveryJob, deliverDueWebhooks } from './deliver-webhooks.js';
export { webhooksRoutes } from './webhooks.routes.js';
export { EVENT_TYPES, type EventType } from './webhook-events.js';
