/**
 * The domain model: plain data, no framework. Everything the app stores, analyses, imports and
 * exports is one of these shapes. Records carry no map id: storage adds it, the domain never needs it.
 */

export type Id = string;

export const STANCES = ['champion', 'supporter', 'neutral', 'sceptic', 'blocker', 'unknown'] as const;
export type Stance = (typeof STANCES)[number];

export const TIE_KINDS = ['influence', 'trust', 'reports-to', 'tension'] as const;
export type TieKind = (typeof TIE_KINDS)[number];
/** A tie's kind: a built-in kind or the id of one of the map's own tie kinds (domain/tie-kinds.ts). */
export type TieKindId = string;

/** Colour choices for the map's own tie kinds; io/palette.ts gives each a light and a dark colour. */
export const TIE_COLOUR_CHOICES = ['violet', 'amber', 'rose', 'sky', 'lime', 'slate', 'orange', 'pink'] as const;
export type TieColourChoice = (typeof TIE_COLOUR_CHOICES)[number];
export const TIE_LINE_STYLES = ['solid', 'dashed', 'dotted'] as const;
export type TieLineStyle = (typeof TIE_LINE_STYLES)[number];
/** What a custom kind counts as in the analysis: a built-in kind's meaning, or shown only. */
export const TIE_MEANINGS = ['influence', 'trust', 'reports-to', 'tension', 'shown'] as const;
export type TieMeaning = (typeof TIE_MEANINGS)[number];

/** A tie kind of the map's own ("mentor", "ex-colleague"). Its id never equals a built-in kind. */
export interface CustomTieKind {
  id: string;
  name: string;
  colour: TieColourChoice;
  line: TieLineStyle;
  /** Direction rule: mutual ties have no direction; otherwise every tie is one-way. */
  mutual: boolean;
  meaning: TieMeaning;
}

export type Strength = 1 | 2 | 3;

/** One change of a person's stance, recorded when it was edited (local date YYYY-MM-DD). */
export interface StanceChange {
  date: string;
  from: Stance;
  to: Stance;
}

export const INTERACTION_KINDS = ['coffee', 'meeting', 'message', 'event', 'other'] as const;
export type InteractionKind = (typeof INTERACTION_KINDS)[number];

/** A dated contact with a stakeholder, for nurturing the relationship. Dates are local YYYY-MM-DD. */
export interface Interaction {
  id: Id;
  date: string;
  kind: InteractionKind;
  note: string;
  /**
   * Where an imported entry came from (a calendar event's UID and occurrence, LinkedIn's
   * "Connected on"), so importing the same file again logs it once. Absent for entries typed by hand.
   */
  ref?: string;
}

export interface Stakeholder {
  id: Id;
  name: string;
  title: string;
  department: string;
  /** Index into the map's seniority levels; 0 is the most senior level. */
  seniority: number;
  /** 1-5: how much weight this person carries (drawn as node size). */
  influence: number;
  /** 1-5: how much they care about my area. */
  interest: number;
  stance: Stance;
  /** Where the user needs this person to be; optional (absent on older maps and when not set). */
  targetStance?: Stance;
  /** Dated stance changes made by edits, oldest first; optional (absent until the first change). */
  stanceHistory?: StanceChange[];
  tags: string[];
  notes: string;
  /** Optional identifier from an HR system or e-mail address, used to match managers on import. */
  email: string;
  /** Further e-mail addresses (a second work address, a personal one); optional. */
  otherEmails?: string[];
  /** Contact fields, optional: a phone number, the company, the LinkedIn profile URL. */
  phone?: string;
  company?: string;
  linkedinUrl?: string;
  /** Position on the network canvas (flow coordinates, top-left corner of the node). */
  x: number;
  y: number;
  /** Follow-up cadence in days; null means the map's default for this person's level. */
  cadenceDays: number | null;
  /** Explicit next follow-up date (YYYY-MM-DD), overriding the cadence; null if none. */
  nextFollowUp: string | null;
  interactions: Interaction[];
}

/**
 * A tie between two stakeholders. For one-way ties the sentence reads "source <verb> target";
 * reports-to always points from the person to their manager. `mutual` ties have no direction.
 */
export interface Tie {
  id: Id;
  source: Id;
  target: Id;
  kind: TieKindId;
  strength: Strength;
  mutual: boolean;
  /** Free text; for tension ties, the next step the user plans to repair the relationship. */
  note: string;
}

export interface MapSettings {
  /** Seniority level names, most senior first. */
  levels: string[];
  /** Levels with index <= leadershipLevel count as "senior leadership". */
  leadershipLevel: number;
  /** Default follow-up cadence in days, per level (same length as levels). */
  cadenceDays: number[];
  /** The map's own tie kinds, if any (absent on older maps). */
  tieKinds?: CustomTieKind[];
}

export interface MapMeta {
  id: Id;
  name: string;
  createdAt: number;
  updatedAt: number;
  settings: MapSettings;
  /** The stakeholder who is "Me", if any. */
  meId: Id | null;
}

/** One map, whole: what the editor edits, analysis reads and formats write. */
export interface MapDocument {
  map: MapMeta;
  stakeholders: Record<Id, Stakeholder>;
  ties: Record<Id, Tie>;
}

export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}
