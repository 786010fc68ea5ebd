/**
 * Records the schemas (schemas.ts) would return unchanged, recognised without zod.
 *
 * Almost every record the app reads back from IndexedDB is one it wrote itself, already restored:
 * running zod over it rebuilds the same record. At 50,000 people and 250,000 ties that is the
 * largest cost of opening a map (about 2 s of the page's time on these machines). `exactPerson`
 * and `exactTie` check a record field by field against what its schema accepts as it is (every
 * text within its limit, every number in range, no list that the schema would filter) and return
 * the record the schema would return, or null for anything else, which then takes the full path
 * (migration, cuts with a report, zod). They never decide anything the schema does not: a record
 * they accept is one the schema passes through untouched, and tests/unit/domain/exact-records.test.ts
 * holds them to that on thousands of altered records.
 *
 * Fields are written in the schema's order, so a document restored either way serialises alike.
 *
 * `keep`: the caller made `r` for this restore alone (a stored map's pack opened: storage/packs.ts)
 * with exactly the fields, in the order, that `exactPersonFields` / `exactTieFields` accept, so an
 * exact record is returned as it is instead of copied field by field. At 50,000 people that copy
 * was 300,000 objects made and the same number left for the collector on every open.
 */
import { TEXT_LIMITS } from './limits';
import { ISO_DATE, StakeholderSchema, TieSchema } from './schemas';
import { STANCES } from './types';
import type { Stakeholder, Tie } from './types';

type Raw = Record<string, unknown>;

const stances: ReadonlySet<unknown> = new Set(STANCES);

const textWithin = (value: unknown, max: number): value is string => typeof value === 'string' && value.length <= max;
const idText = (value: unknown): value is string => typeof value === 'string' && value.length > 0;
const intIn = (value: unknown, min: number, max: number): value is number => typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
const finite = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
/** Absent, or text within `max` (an optional text field kept as it is). */
const optionalWithin = (record: Raw, field: string, max: number): boolean => !(field in record) || textWithin(record[field], max);

function plainTags(value: unknown): value is string[] {
  if (!Array.isArray(value)) return false;
  for (const tag of value) if (typeof tag !== 'string' || tag.length === 0 || tag.length > TEXT_LIMITS.tag) return false;
  return true;
}

/** The optional fields exactPerson keeps when present; the fields it never accepts (they take the full path). */
const PERSON_OPTIONAL: ReadonlySet<string> = new Set(['targetStance', 'phone', 'company', 'linkedinUrl']);
const PERSON_FULL_PATH: ReadonlySet<string> = new Set(['stanceHistory', 'otherEmails']);
// The schema's order, which is the order exactPerson and exactTie write their fields in.
const PERSON_ORDER = Object.keys(StakeholderSchema.shape).filter((field) => !PERSON_FULL_PATH.has(field));
const TIE_ORDER = Object.keys(TieSchema.shape);
const NONE: ReadonlySet<string> = new Set();

/** Whether `fields` is `order` with none missing but the optional ones, in that order, and nothing else. */
function inOrder(fields: readonly string[], order: readonly string[], optional: ReadonlySet<string>): boolean {
  let at = 0;
  for (const field of order) {
    if (fields[at] === field) at++;
    else if (!optional.has(field)) return false;
  }
  return at === fields.length;
}

/** Whether a record of exactly these fields, in this order, is one exactPerson returns with the same fields in the same order. */
export function exactPersonFields(fields: readonly string[]): boolean {
  return inOrder(fields, PERSON_ORDER, PERSON_OPTIONAL);
}

/** Whether a record of exactly these fields, in this order, is one exactTie returns with the same fields in the same order. */
export function exactTieFields(fields: readonly string[]): boolean {
  return inOrder(fields, TIE_ORDER, NONE);
}

/** The person the schema would return for `r`, when it would return it unchanged; else null. */
export function exactPerson(r: Raw, keep = false): Stakeholder | null {
  if (
    !idText(r.id) ||
    !textWithin(r.name, TEXT_LIMITS.personName) ||
    !textWithin(r.title, TEXT_LIMITS.title) ||
    !textWithin(r.department, TEXT_LIMITS.department) ||
    !intIn(r.seniority, 0, 50) ||
    !intIn(r.influence, 1, 5) ||
    !intIn(r.interest, 1, 5) ||
    !stances.has(r.stance) ||
    ('targetStance' in r && !stances.has(r.targetStance)) ||
    // Histories, further e-mails and contact logs are filtered item by item: the full path.
    'stanceHistory' in r ||
    'otherEmails' in r ||
    !(Array.isArray(r.interactions) && r.interactions.length === 0) ||
    !plainTags(r.tags) ||
    !textWithin(r.notes, TEXT_LIMITS.notes) ||
    !textWithin(r.email, TEXT_LIMITS.email) ||
    !optionalWithin(r, 'phone', TEXT_LIMITS.phone) ||
    !optionalWithin(r, 'company', TEXT_LIMITS.company) ||
    !optionalWithin(r, 'linkedinUrl', TEXT_LIMITS.url) ||
    !finite(r.x) ||
    !finite(r.y) ||
    !(r.cadenceDays === null || intIn(r.cadenceDays, 1, 3650)) ||
    !(r.nextFollowUp === null || (typeof r.nextFollowUp === 'string' && ISO_DATE.test(r.nextFollowUp)))
  ) {
    return null;
  }
  if (keep) return r as unknown as Stakeholder;
  const out: Raw = { id: r.id, name: r.name, title: r.title, department: r.department, seniority: r.seniority, influence: r.influence, interest: r.interest, stance: r.stance };
  if ('targetStance' in r) out.targetStance = r.targetStance;
  out.tags = (r.tags as string[]).slice();
  out.notes = r.notes;
  out.email = r.email;
  if ('phone' in r) out.phone = r.phone;
  if ('company' in r) out.company = r.company;
  if ('linkedinUrl' in r) out.linkedinUrl = r.linkedinUrl;
  out.x = r.x;
  out.y = r.y;
  out.cadenceDays = r.cadenceDays;
  out.nextFollowUp = r.nextFollowUp;
  out.interactions = [];
  return out as unknown as Stakeholder;
}

/** The tie the schema would return for `r`, when it would return it unchanged; else null. */
export function exactTie(r: Raw, keep = false): Tie | null {
  if (
    !idText(r.id) ||
    !idText(r.source) ||
    !idText(r.target) ||
    !idText(r.kind) ||
    r.kind.length > TEXT_LIMITS.tieKind ||
    !(r.strength === 1 || r.strength === 2 || r.strength === 3) ||
    typeof r.mutual !== 'boolean' ||
    !textWithin(r.note, TEXT_LIMITS.tieNote)
  ) {
    return null;
  }
  if (keep) return r as unknown as Tie;
  return { id: r.id, source: r.source, target: r.target, kind: r.kind, strength: r.strength, mutual: r.mutual, note: r.note };
}
