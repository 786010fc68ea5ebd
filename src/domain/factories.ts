import { defaultSettings, TIE_DIRECTION_RULES } from './defaults';
import { newId } from './ids';
import type { Id, MapDocument, MapMeta, Stakeholder, Tie, TieKind } from './types';
import { emptyRecord, recordOf } from './records';

export function createStakeholder(fields: Partial<Stakeholder> = {}): Stakeholder {
  return {
    id: newId(),
    name: '',
    title: '',
    department: '',
    seniority: 3,
    influence: 3,
    interest: 3,
    stance: 'unknown',
    tags: [],
    notes: '',
    email: '',
    x: 0,
    y: 0,
    cadenceDays: null,
    nextFollowUp: null,
    interactions: [],
    ...fields,
  };
}

export function createTie(source: Id, target: Id, kind: TieKind, fields: Partial<Tie> = {}): Tie {
  return {
    id: newId(),
    source,
    target,
    kind,
    strength: 2,
    mutual: TIE_DIRECTION_RULES[kind].defaultMutual,
    note: '',
    ...fields,
  };
}

export function createMapMeta(name = 'Untitled map', now = Date.now()): MapMeta {
  return { id: newId(), name, createdAt: now, updatedAt: now, settings: defaultSettings(), meId: null };
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
