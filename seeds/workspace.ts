import { z } from 'zod';
import { LABELS } from '../lib/store/schema';

/** The demo workspace written by `npm run seed` to seeds/workspace.json, with ground truth for tests. */
export const seedPersonSchema = z.object({
  id: z.string().regex(/^U[A-Z0-9]{6,}$/),
  name: z.string().min(1),
  title: z.string(),
  track: z.enum(['ic', 'manager']),
  level: z.number().int().min(1).max(10),
  /** Manager's id, or null for the top of this slice of the org. */
  reportsTo: z.string().nullable(),
});
export type SeedPerson = z.infer<typeof seedPersonSchema>;

export const seedChannelSchema = z.object({
  id: z.string().regex(/^[CDG][A-Z0-9]{6,}$/),
  /** Channel name without "#"; for DMs the other person's name; for group DMs the members' names. */
  name: z.string().min(1),
  type: z.enum(['channel', 'private_channel', 'im', 'mpdm']),
  members: z.array(z.string()),
});
export type SeedChannel = z.infer<typeof seedChannelSchema>;

export const seedMessageSchema = z.object({
  channelId: z.string(),
  ts: z.string().regex(/^\d{10}\.\d{6}$/),
  authorId: z.string(),
  /** Slack mrkdwn: mentions as <@U…>, code as ```…```, emoji as :name:. */
  text: z.string(),
  /** Root ts for replies; the message's own ts for a root with replies; else null. */
  threadTs: z.string().nullable(),
  reactions: z.array(z.object({ emoji: z.string(), count: z.number().int().positive() })),
  edited: z.boolean(),
  label: z.enum(LABELS),
  /** Whom the message is about (ground truth). */
  subjects: z.array(z.string()),
});
export type SeedMessage = z.infer<typeof seedMessageSchema>;

export const workspaceSchema = z.object({
  version: z.literal(1),
  team: z.object({ id: z.string().regex(/^T[A-Z0-9]{6,}$/), name: z.string(), domain: z.string() }),
  selfId: z.string(),
  people: z.array(seedPersonSchema),
  channels: z.array(seedChannelSchema),
  messages: z.array(seedMessageSchema),
});
export type Workspace = z.infer<typeof workspaceSchema>;
