/** Finding people by what a spreadsheet or another tool calls them: id, e-mail or unique name. */
import type { Id, Stakeholder, Tie } from '../domain/types';
import { matchKey, quote } from './text';
import { formatCount } from '../domain/numbers';

export type Lookup = { ok: true; id: Id } | { ok: false; reason: string };

export class PersonIndex {
  private readonly byId = new Map<string, Id>();
  private readonly byKey = new Map<string, Id[]>();
  private readonly byName = new Map<string, Id[]>();

  constructor(people: Iterable<Pick<Stakeholder, 'id' | 'name' | 'email'>> = []) {
    for (const p of people) this.add(p);
  }

  add(p: Pick<Stakeholder, 'id' | 'name' | 'email'>, extraKeys: string[] = []): void {
    this.byId.set(p.id, p.id);
    for (const key of [p.id, p.email, ...extraKeys]) push(this.byKey, matchKey(key), p.id);
    push(this.byName, matchKey(p.name), p.id);
  }

  /** Exact id first, then id or e-mail ignoring case, then a name that only one person has. */
  find(reference: string): Lookup {
    const ref = reference.trim();
    if (!ref) return { ok: false, reason: 'is empty' };
    const exact = this.byId.get(ref);
    if (exact) return { ok: true, id: exact };
    const key = matchKey(ref);
    const byKey = unique(this.byKey.get(key));
    if (byKey.length === 1) return { ok: true, id: byKey[0] };
    const byName = unique(this.byName.get(key));
    if (byName.length === 1) return { ok: true, id: byName[0] };
    if (byName.length > 1) return { ok: false, reason: `${quote(ref)} matches ${formatCount(byName.length)} people with that name; use an id or e-mail instead` };
    if (byKey.length > 1) return { ok: false, reason: `${quote(ref)} matches ${formatCount(byKey.length)} people` };
    return { ok: false, reason: `${quote(ref)} matches nobody in the file` };
  }
}

function push(index: Map<string, Id[]>, key: string, id: Id): void {
  if (!key) return;
  const list = index.get(key);
  if (list) list.push(id);
  else index.set(key, [id]);
}

function unique(ids: Id[] | undefined): Id[] {
  return ids ? [...new Set(ids)] : [];
}

/**
 * Fast duplicate check for ties, with the same meaning as the domain's tieProblem: the same kind
 * between the same two people, in either order when either tie is mutual.
 */
export class TieIndex {
  private readonly directed = new Set<string>();
  private readonly mutual = new Set<string>();

  constructor(ties: Iterable<Pick<Tie, 'source' | 'target' | 'kind' | 'mutual'>> = []) {
    for (const t of ties) this.add(t);
  }

  has(t: Pick<Tie, 'source' | 'target' | 'kind' | 'mutual'>): boolean {
    const forward = key(t.kind, t.source, t.target);
    const backward = key(t.kind, t.target, t.source);
    return this.directed.has(forward) || this.mutual.has(backward) || (t.mutual && this.directed.has(backward));
  }

  add(t: Pick<Tie, 'source' | 'target' | 'kind' | 'mutual'>): void {
    const forward = key(t.kind, t.source, t.target);
    this.directed.add(forward);
    if (t.mutual) this.mutual.add(forward);
  }
}

function key(kind: string, a: string, b: string): string {
  return `${kind}\u0000${a}\u0000${b}`;
}
