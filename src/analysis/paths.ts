/**
 * Introduction paths: the strongest chain of people from one person to another over influence and
 * trust ties (either direction: knowing someone is what lets you ask them) and reporting lines (a
 * manager can introduce you to their reports and to their own manager; they count as a tie of
 * REPORTING_LINE_STRENGTH), cost 1/strength, tension ties excluded. Up to two alternatives go through entirely different intermediaries, so
 * each suggestion is a genuinely different person to ask.
 */
import { bidirectional } from 'graphology-shortest-path/dijkstra';
import { displayName } from '../domain/describe';
import { count, listNames } from './format';
import { introductionNetwork, isIntroductionRoute, routeStrength } from './projections';
import type { AnalysisInput, AnalysisTie, IntroductionPath, IntroductionResult, IntroductionStep } from './types';
import { fromSafeIds, needsSafeIds, toSafeInput } from './safe-ids';

const MAX_PATHS = 3;

/** The words after "who" for a step from one person to the next, by tie kind and direction. */
function phrase(kind: IntroductionStep['kind'], direction: IntroductionStep['direction'], next: string): string {
  if (kind === 'reports-to') return direction === 'forward' ? `reports to ${next}` : `manages ${next}`;
  if (kind === 'influence') {
    if (direction === 'forward') return `advises ${next}`;
    if (direction === 'backward') return `listens to ${next}`;
    return `swaps advice with ${next}`;
  }
  if (direction === 'backward') return `is trusted by ${next}`;
  return `trusts ${next}`;
}

function describeStep(from: string, to: string, ties: AnalysisTie[], nameOf: (id: string) => string): IntroductionStep {
  const between = ties
    .filter((t) => (t.source === from && t.target === to) || (t.source === to && t.target === from))
    .sort((a, b) => {
      // Strongest first; then a personal tie before a reporting line; then a tie readable forwards;
      // then trust (the warmer word) before influence.
      const forward = (t: AnalysisTie) => (t.kind !== 'reports-to' && t.mutual ? 1 : t.source === from ? 2 : 0);
      const warmth = (t: AnalysisTie) => (t.kind === 'trust' ? 2 : t.kind === 'influence' ? 1 : 0);
      return (
        routeStrength(b) - routeStrength(a) ||
        Number(a.kind === 'reports-to') - Number(b.kind === 'reports-to') ||
        forward(b) - forward(a) ||
        warmth(b) - warmth(a)
      );
    });
  const best = between[0];
  const kind = best.kind as IntroductionStep['kind'];
  // A reporting line is never mutual, whatever the flag says.
  const direction: IntroductionStep['direction'] = best.mutual && kind !== 'reports-to' ? 'mutual' : best.source === from ? 'forward' : 'backward';
  return {
    from,
    to,
    tieIds: between.map((t) => t.id),
    kind,
    direction,
    strength: routeStrength(best),
    phrase: phrase(kind, direction, nameOf(to)),
  };
}

function sentence(personIds: string[], steps: IntroductionStep[], nameOf: (id: string) => string): string {
  if (steps.length === 1) {
    const s = steps[0];
    const relation =
      s.kind === 'reports-to'
        ? s.direction === 'forward' ? 'they are your manager' : 'they report to you'
        : s.kind === 'influence'
          ? s.direction === 'forward' ? 'you advise them' : s.direction === 'backward' ? 'they advise you' : 'you advise each other'
          : s.direction === 'forward' ? 'you trust them' : s.direction === 'backward' ? 'they trust you' : 'you trust each other';
    return `You can approach ${nameOf(personIds[1])} directly: ${relation}.`;
  }
  const first = steps[0];
  const asker = first.kind === 'reports-to' ? (first.direction === 'forward' ? ' (your manager)' : ' (who reports to you)') : '';
  const clauses = steps.slice(1).map((s) => `who ${s.phrase}`);
  const formal = steps.some((s) => s.kind === 'reports-to') ? ` ${REPORTING_LINE_NOTE}` : '';
  return `Ask ${nameOf(personIds[1])}${asker}, ${clauses.join(', ')}.${formal}`;
}

/** Said whenever a route uses a reporting line, so the user knows why a manager appears in it. */
export const REPORTING_LINE_NOTE = 'A reporting line counts as an introduction: a manager can introduce you to their reports and to their own manager.';

export function introductionPaths(input: AnalysisInput, fromId: string, toId: string): IntroductionResult {
  if (!needsSafeIds(input) && !needsSafeIds({ people: [{ id: fromId, name: '', department: '', seniority: 0 }, { id: toId, name: '', department: '', seniority: 0 }], ties: [], levels: [], leadershipLevel: 0, meId: null })) return pathsBetween(input, fromId, toId);
  const escaped = toSafeInput({ ...input, people: [...input.people, { id: fromId, name: '', department: '', seniority: 0 }, { id: toId, name: '', department: '', seniority: 0 }] });
  const safe = { ...escaped, people: escaped.people.slice(0, input.people.length) };
  return fromSafeIds(pathsBetween(safe, escaped.people[input.people.length].id, escaped.people[input.people.length + 1].id));
}

function pathsBetween(input: AnalysisInput, fromId: string, toId: string): IntroductionResult {
  const names = new Map(input.people.map((p) => [p.id, displayName(p)]));
  const nameOf = (id: string) => names.get(id) ?? 'Unknown person';
  const result = (paths: IntroductionPath[], message: string): IntroductionResult => ({ fromId, toId, paths, message });
  if (!names.has(fromId) || !names.has(toId)) return result([], 'Pick two people on this map to find an introduction path.');
  if (fromId === toId) return result([], 'That is the same person: pick someone else to reach.');

  const graph = introductionNetwork(input);
  const ties = input.ties.filter(isIntroductionRoute);
  const paths: IntroductionPath[] = [];
  while (paths.length < MAX_PATHS) {
    const found = bidirectional(graph, fromId, toId, 'units') as string[] | null;
    if (!found || found.length < 2) break;
    const steps = found.slice(1).map((to, k) => describeStep(found[k], to, ties, nameOf));
    paths.push({
      personIds: found,
      steps,
      cost: steps.reduce((sum, s) => sum + 1 / s.strength, 0),
      sentence: sentence(found, steps, nameOf),
    });
    // The next suggestion must use none of these intermediaries (or, for a direct tie, not that tie).
    const middle = found.slice(1, -1);
    if (middle.length === 0) graph.dropEdge(fromId, toId);
    else for (const id of middle) graph.dropNode(id);
  }

  const target = nameOf(toId);
  if (paths.length === 0) {
    return result([], `No route to ${target} through influence or trust ties or reporting lines yet: get to know someone who knows ${target}.`);
  }
  const first = paths[0];
  const via = paths.filter((p) => p.personIds.length > 2).map((p) => nameOf(p.personIds[1]));
  const message =
    first.personIds.length === 2 && paths.length === 1
      ? first.sentence
      : paths.length === 1
        ? `One route to ${target}: ${first.sentence}`
        : `${count(paths.length)} routes to ${target}, through ${listNames(via, 3)}. Strongest: ${first.sentence}`;
  return result(paths, message);
}
