// The push cabinet's forms (ADR 049), client-safe: the topics a person chose, and a browser's subscription.
import { z } from 'zod';
import type { PushTopic } from '#db/schema/notifications';
import { msg } from '#app/utils/forms';

export const pushTopicChoices = ['reports', 'ballots', 'decisions', 'visits', 'alerts'] as const satisfies readonly PushTopic[];

export const pushTopicsSchema = z.object({
  topics: z.array(z.enum(pushTopicChoices, { error: msg('errors.choice') })).max(pushTopicChoices.length, msg('errors.choice')),
});

// A push service's address and the browser's keys, as PushSubscription.toJSON() gives them (base64url, RFC 8291).
const base64url = (bytes: number) => z.string({ error: msg('errors.required') }).regex(new RegExp(`^[A-Za-z0-9_-]{${Math.ceil((bytes * 4) / 3)}}={0,2}$`), msg('errors.invalid'));

export const pushSubscriptionSchema = z.object({
  endpoint: z
    .string({ error: msg('errors.required') })
    .max(1000, msg('errors.tooLong', { max: 1000 }))
    // Push services are reached over HTTPS only (RFC 8030).
    .refine((value) => URL.canParse(value) && new URL(value).protocol === 'https:', msg('errors.invalid')),
  // An uncompressed P-256 point (65 bytes) and a 16-byte authentication secret.
  p256dh: base64url(65),
  auth: base64url(16),
});

export const pushEndpointSchema = pushSubscriptionSchema.pick({ endpoint: true });
