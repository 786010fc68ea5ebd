/**
 * Validators that also restore: a record read from storage or a file keeps every field that is
 * valid, gets defaults for what is missing or malformed, and is rejected only when it cannot be
 * identified (no id) or would break the graph (a tie with no ends or an unknown kind).
 */
import { z } from 'zod';
import { defaultSettings, DEFAULT_LEVELS } from './defaults';
import { INTERACTION_KINDS, STANCES, TIE_KINDS } from './types';
import type { MapMeta, MapSettings, Stakeholder, Tie } from './types';

const MAX_TEXT = 100_000;
const text = (fallback = '') => z.string().max(MAX_TEXT).catch(fallback);
const finite = (fallback: number) => z.number().finite().catch(fallback);
const score = z.number().int().min(1).max(5).catch(3);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const InteractionSchema = z.object({
  id: z.string().min(1),
  date: isoDate,
  kind: z.enum(INTERACTION_KINDS).catch('other'),
  note: text(),
});

export const StakeholderSchema = z.object({
  id: z.string().min(1),
  name: text(),
  title: text(),
  department: text(),
  seniority: z.number().int().min(0).max(50).catch(3),
  influence: score,
  interest: score,
  stance: z.enum(STANCES).catch('unknown'),
  // One bad tag is dropped on its own; the others stay.
  tags: z
    .array(z.unknown())
    .catch([])
    .transform((items) => items.filter((t): t is string => typeof t === 'string' && t.length > 0 && t.length <= 200)),
  notes: text(),
  email: text(),
  x: finite(0),
  y: finite(0),
  cadenceDays: z.number().int().min(1).max(3650).nullable().catch(null),
  nextFollowUp: isoDate.nullable().catch(null),
  // Bad log entries are dropped one by one rather than losing the whole log.
  interactions: z
    .array(z.unknown())
    .catch([])
    .transform((items) => items.flatMap((item) => {
      const parsed = InteractionSchema.safeParse(item);
      return parsed.success ? [parsed.data] : [];
    })),
}) satisfies z.ZodType<Stakeholder, unknown>;

export const TieSchema = z.object({
  id: z.string().min(1),
  source: z.string().min(1),
  target: z.string().min(1),
  kind: z.enum(TIE_KINDS),
  strength: z.union([z.literal(1), z.literal(2), z.literal(3)]).catch(2),
  mutual: z.boolean().catch(false),
  note: text(),
}) satisfies z.ZodType<Tie, unknown>;

export const MapSettingsSchema = z
  .object({
    levels: z.array(z.string().max(200)).min(1).max(50).catch([...DEFAULT_LEVELS]),
    leadershipLevel: z.number().int().min(0).catch(1),
    cadenceDays: z.array(z.number().int().min(1).max(3650)).catch([]),
  })
  .transform((s): MapSettings => {
    const defaults = defaultSettings();
    const leadershipLevel = Math.min(s.leadershipLevel, s.levels.length - 1);
    const cadenceDays = s.levels.map((_, i) => s.cadenceDays[i] ?? defaults.cadenceDays[Math.min(i, 3)]);
    return { levels: s.levels, leadershipLevel, cadenceDays };
  })
  .catch(defaultSettings);

export const MapMetaSchema = z.object({
  id: z.string().min(1),
  name: z.string().max(500).catch('Untitled map'),
  createdAt: finite(0),
  updatedAt: finite(0),
  settings: MapSettingsSchema,
  meId: z.string().min(1).nullable().catch(null),
}) satisfies z.ZodType<MapMeta, unknown>;

/** Restores a record or explains in one line why it cannot be used. */
export function restore<T>(schema: z.ZodType<T, unknown>, value: unknown): { ok: true; value: T } | { ok: false; error: string } {
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? issue.path.join('.') : 'record';
  return { ok: false, error: `${where}: ${issue?.message ?? 'invalid'}` };
}
