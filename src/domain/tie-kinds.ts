/**
 * The map's own tie kinds ("mentor", "sponsor", "ex-colleague" ...), beside the four built-in ones.
 *
 * A tie's `kind` stays a string: either a built-in kind (`TIE_KINDS`) or the id of one of the map's
 * custom kinds (`settings.tieKinds`). So older files need no transform: every old tie already has a
 * built-in kind. A custom kind says how it is drawn (a colour choice from the palette, a line style,
 * one-way or mutual) and what it means for the analysis: it counts as influence, trust, a reporting
 * line or tension, or is shown only. Analysis reads a tie through `tieMeaning`, so a "mentor" kind
 * that counts as influence is influence to every metric.
 */
import { STRENGTH_LABELS, TIE_DIRECTION_RULES, TIE_KIND_LABELS } from './defaults';
import { cutText, MAX_TIE_KINDS, TEXT_LIMITS } from './limits';
import { newId } from './ids';
import { TIE_COLOUR_CHOICES, TIE_KINDS, TIE_LINE_STYLES, type CustomTieKind, type MapDocument, type MapSettings, type TieColourChoice, type TieKind, type TieKindId, type TieLineStyle, type TieMeaning } from './types';


/** What each meaning is called in the settings and legend. */
export const TIE_MEANING_LABELS: Record<TieMeaning, string> = {
  influence: 'Counts as influence',
  trust: 'Counts as trust',
  'reports-to': 'Counts as a reporting line',
  tension: 'Counts as tension',
  shown: 'Shown only',
};

export const TIE_LINE_LABELS: Record<TieLineStyle, string> = { solid: 'Solid', dashed: 'Dashed', dotted: 'Dotted' };

export function isBuiltInKind(kind: string): kind is TieKind {
  return (TIE_KINDS as readonly string[]).includes(kind);
}

type WithKinds = Pick<MapSettings, 'tieKinds'> | undefined;

export function customKinds(settings: WithKinds): readonly CustomTieKind[] {
  return settings?.tieKinds ?? [];
}

export function customKind(settings: WithKinds, kind: TieKindId): CustomTieKind | undefined {
  if (isBuiltInKind(kind)) return undefined;
  return customKinds(settings).find((k) => k.id === kind);
}

/** Every kind a tie on this map may have: the built-in kinds first, then the map's own. */
export function allKindIds(settings: WithKinds): TieKindId[] {
  return [...TIE_KINDS, ...customKinds(settings).map((k) => k.id)];
}

/** True when `kind` is a built-in kind or one of the map's own. */
export function isKnownKind(settings: WithKinds, kind: TieKindId): boolean {
  return isBuiltInKind(kind) || customKind(settings, kind) !== undefined;
}

/** What a tie of this kind counts as in the analysis. An unknown kind is shown only. */
export function tieMeaning(settings: WithKinds, kind: TieKindId): TieMeaning {
  if (isBuiltInKind(kind)) return kind;
  return customKind(settings, kind)?.meaning ?? 'shown';
}

/** The kind's name as a label ("Influence", "Mentor"); an unknown kind is named by its id. */
export function kindLabel(settings: WithKinds, kind: TieKindId): string {
  if (isBuiltInKind(kind)) return TIE_KIND_LABELS[kind];
  const custom = customKind(settings, kind);
  return custom ? custom.name.trim() || 'Unnamed kind' : kind;
}

/** "an influence tie", "a trust tie": a kind named inside a sentence, with its article. */
export function aKindOfTie(settings: WithKinds, kind: TieKindId): string {
  const name = kindLabel(settings, kind).toLowerCase();
  return `${/^[aeiou]/.test(name) ? 'an' : 'a'} ${name} tie`;
}

/** Direction of new ties of this kind and whether the user may change it. Custom kinds fix it. */
export function kindDirection(settings: WithKinds, kind: TieKindId): { defaultMutual: boolean; fixed: boolean } {
  if (isBuiltInKind(kind)) return TIE_DIRECTION_RULES[kind];
  const custom = customKind(settings, kind);
  return custom ? { defaultMutual: custom.mutual, fixed: true } : { defaultMutual: false, fixed: false };
}

/** The sentence of a tie of a custom (or unknown) kind: "Mentor tie from Ana to Ben (strong)". */
export function customTieSentence(a: string, b: string, label: string, mutual: boolean, strength: 1 | 2 | 3): string {
  return mutual ? `${label} tie between ${a} and ${b} (${STRENGTH_LABELS[strength]})` : `${label} tie from ${a} to ${b} (${STRENGTH_LABELS[strength]})`;
}

/** A new kind's fields, with defaults for what is not given. */
export function makeTieKind(existing: readonly CustomTieKind[], fields: Partial<Omit<CustomTieKind, 'id'>> = {}): CustomTieKind {
  const taken = new Set(existing.map((k) => k.name.trim().toLowerCase()));
  let name = fields.name ?? 'New kind';
  for (let n = 2; taken.has(name.trim().toLowerCase()); n++) name = `${fields.name ?? 'New kind'} ${n}`;
  return {
    id: `kind-${newId()}`,
    name: cutText(name, TEXT_LIMITS.tieKindName),
    colour: fields.colour ?? TIE_COLOUR_CHOICES[existing.length % TIE_COLOUR_CHOICES.length],
    line: fields.line ?? 'solid',
    mutual: fields.mutual ?? false,
    meaning: fields.meaning ?? 'shown',
  };
}

function withKinds(doc: MapDocument, tieKinds: CustomTieKind[]): MapDocument {
  const settings: MapSettings = { ...doc.map.settings };
  if (tieKinds.length) settings.tieKinds = tieKinds;
  else delete settings.tieKinds;
  return { ...doc, map: { ...doc.map, settings } };
}

export type KindResult = { ok: true; doc: MapDocument; id: TieKindId } | { ok: false; error: string };

/** Adds a kind to the map's settings (pure). Refused past MAX_TIE_KINDS. */
export function addTieKind(doc: MapDocument, fields: Partial<Omit<CustomTieKind, 'id'>> = {}): KindResult {
  const kinds = customKinds(doc.map.settings);
  if (kinds.length >= MAX_TIE_KINDS) return { ok: false, error: `A map can have at most ${MAX_TIE_KINDS} kinds of its own.` };
  const kind = makeTieKind(kinds, fields);
  return { ok: true, doc: withKinds(doc, [...kinds, kind]), id: kind.id };
}

/**
 * Changes a kind's fields (pure). Changing its direction rule re-directs its ties (a mutual kind's
 * ties become mutual), so the rule and the drawing agree.
 */
export function updateTieKind(doc: MapDocument, id: TieKindId, fields: Partial<Omit<CustomTieKind, 'id'>>): MapDocument {
  const kinds = customKinds(doc.map.settings);
  if (!kinds.some((k) => k.id === id)) return doc;
  const next = kinds.map((k) => (k.id === id ? { ...k, ...fields, name: fields.name === undefined ? k.name : cutText(fields.name, TEXT_LIMITS.tieKindName) } : k));
  let out = withKinds(doc, next);
  if (fields.mutual !== undefined) {
    const mutual = fields.mutual;
    const stale = Object.values(doc.ties).filter((t) => t.kind === id && t.mutual !== mutual);
    if (stale.length) {
      const ties = Object.assign(Object.create(null) as MapDocument['ties'], doc.ties);
      for (const t of stale) ties[t.id] = { ...t, mutual };
      out = { ...out, ties };
    }
  }
  return out;
}

/** How many ties have this kind. */
export function tiesOfKind(doc: MapDocument, id: TieKindId): number {
  let n = 0;
  for (const t of Object.values(doc.ties)) if (t.kind === id) n++;
  return n;
}

/** Removes a kind and every tie of that kind (pure; one undo step in the editor). */
export function removeTieKind(doc: MapDocument, id: TieKindId): MapDocument {
  const kinds = customKinds(doc.map.settings);
  if (!kinds.some((k) => k.id === id)) return doc;
  const out = withKinds(doc, kinds.filter((k) => k.id !== id));
  if (!tiesOfKind(doc, id)) return out;
  const ties = Object.create(null) as MapDocument['ties'];
  for (const t of Object.values(doc.ties)) if (t.kind !== id) ties[t.id] = t;
  return { ...out, ties };
}

/** Fields of a kind read from a file's own columns (CSV), with a fallback for each. */
export function parseMeaning(text: string): TieMeaning | null {
  const key = text.trim().toLowerCase();
  for (const m of ['influence', 'trust', 'reports-to', 'tension', 'shown'] as const) if (key === m) return m;
  if (key === 'reporting line' || key === 'reports to' || key === 'formal') return 'reports-to';
  if (key === 'shown only' || key === 'none' || key === '') return 'shown';
  return null;
}

/**
 * Finds a map's own kind by id or name (ignoring case), or makes one from what a file says about
 * it (colour, line, meaning, direction; invalid values get defaults: slate, solid, shown only).
 * Used by the CSV, GraphML and GEXF readers; `kinds` is the list to store in the settings after.
 * `find` returns null once the map has MAX_TIE_KINDS kinds of its own.
 */
export function kindFinder(initial: readonly CustomTieKind[]) {
  const kinds: CustomTieKind[] = [...initial];
  return {
    kinds,
    find(text: string, fields: { colour?: string; line?: string; meaning?: string; mutual?: boolean | null } = {}): TieKindId | null {
      const key = text.trim().toLowerCase();
      const known = kinds.find((k) => k.id === text || k.name.trim().toLowerCase() === key);
      if (known) return known.id;
      if (kinds.length >= MAX_TIE_KINDS || !key) return null;
      const colour = (fields.colour ?? '').trim().toLowerCase();
      const line = (fields.line ?? '').trim().toLowerCase();
      const kind = makeTieKind(kinds, {
        name: cutText(text.trim(), TEXT_LIMITS.tieKindName),
        colour: (TIE_COLOUR_CHOICES as readonly string[]).includes(colour) ? (colour as TieColourChoice) : 'slate',
        line: (TIE_LINE_STYLES as readonly string[]).includes(line) ? (line as TieLineStyle) : 'solid',
        meaning: parseMeaning(fields.meaning ?? '') ?? 'shown',
        mutual: fields.mutual ?? false,
      });
      kinds.push(kind);
      return kind.id;
    },
  };
}

/** `doc` with `kinds` as its own tie kinds (unchanged when they are the same list). */
export function withTieKinds(doc: MapDocument, kinds: readonly CustomTieKind[]): MapDocument {
  if (kinds.length === customKinds(doc.map.settings).length) return doc;
  return { ...doc, map: { ...doc.map, settings: { ...doc.map.settings, tieKinds: [...kinds] } } };
}
