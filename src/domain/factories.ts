/**
 * New records. Their defaults are the schemas' (domain/schemas.ts): a new record is what
 * restoring a record with only an id gives, so creating and restoring never disagree.
 */
import { TIE_DIRECTION_RULES } from './defaults';
import { newId } from './ids';
import { MapMetaSchema, StakeholderSchema, TieSchema } from './schemas';
import { TIE_KINDS, type Id, type MapDocument, type MapMeta, type Stakeholder, type Tie, type TieKind, type TieKindId } from './types';
import { emptyRecord, recordOf } from './records';

// Parsed once: the factories below run per imported row, and a zod parse per record would be slow.
const { id: _s, ...STAKEHOLDER_DEFAULTS } = StakeholderSchema.parse({ id: 'defaults' });
const { id: _t, source: _a, target: _b, kind: _k, ...TIE_DEFAULTS } = TieSchema.parse({ id: 'defaults', source: 'a', target: 'b', kind: 'influence' });

export function createStakeholder(fields: Partial<Stakeholder> = {}): Stakeholder {
  // Arrays are fresh per person: records are never shared mutable state.
  // A fresh id only when none is given (an import of 50,000 people gives them all).
  return { id: fields.id ?? newId(), ...STAKEHOLDER_DEFAULTS, tags: [], interactions: [], ...fields };
}

export function createTie(source: Id, target: Id, kind: TieKindId, fields: Partial<Tie> = {}): Tie {
  // `mutual` keeps its place from the defaults; its value depends on the kind (a custom kind's
  // direction is in the map's settings: `connect` passes it).
  const mutual = (TIE_KINDS as readonly string[]).includes(kind) ? TIE_DIRECTION_RULES[kind as TieKind].defaultMutual : false;
  return { id: fields.id ?? newId(), source, target, kind, ...TIE_DEFAULTS, mutual, ...fields };
}

export function createMapMeta(name = 'Untitled map', now = Date.now()): MapMeta {
  // Parsed per map (rare), so the settings' arrays are fresh.
  return { ...MapMetaSchema.parse({ id: newId() }), name, createdAt: now, updatedAt: now };
}

export function createMapDocument(name?: string, now?: number): MapDocument {
  return { map: createMapMeta(name, now), stakeholders: emptyRecord(), ties: emptyRecord() };
}

export function documentFrom(map: MapMeta, stakeholders: Stakeholder[], ties: Tie[]): MapDocument {
  return {
    map,
    stakeholders: recordOf(stakeholders, (s) => s.id),
    ties: recordOf(ties, (t) => t.id),
  };
}
