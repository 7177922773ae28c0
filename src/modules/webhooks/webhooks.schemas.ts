import { type Static, Type } from '@sinclair/typebox';
import { Opt, Str } from '../../shared/wire/schema-helpers.js';

/** Names are checked by subscription.ts against the closed list, so each bad one is named. */
const EventTypes = Type.Array(Str(50), { maxItems: 20, description: 'Event types, or ["*"] for every type (see docs/api.md)' });

export const CreateWebhookBody = Type.Object({
  Url: Str(2000),
  EventTypes,
  Description: Opt(Str(500)),
  IsEnabled: Opt(Type.Boolean()),
});
export type CreateWebhookBody = Static<typeof CreateWebhookBody>;

/** Every field optional: what is sent changes, what is left out stays. */
export const UpdateWebhookBody = Type.Object({
  Url: Opt(Str(2000)),
  EventTypes: Opt(EventTypes),
  Description: Opt(Str(500)),
  IsEnabled: Opt(Type.Boolean()),
});
export type UpdateWebhookBody = Static<typeof UpdateWebhookBody>;

export const WebhookParams = Type.Object({ id: Str(100) });
export const DeliveryParams = Type.Object({ id: Str(100), eventId: Str(100) });
export const DeliveriesQuery = Type.Object({
  take: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  skip: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
});
