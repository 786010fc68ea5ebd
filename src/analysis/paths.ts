/**
 * Introduction paths: the strongest chain of people from one person to another over influence and
 * trust ties (either direction: knowing someone is what lets you ask them), cost 1/strength,
 * tension ties excluded. Up to two alternatives go through entirely different intermediaries, so
 * each suggestion is a genuinely different person to ask.
 */
import { bidirectional } from 'graphology-shortest-path/dijkstra';
import { displayName } from '../domain/describe';
import { listNames } from './format';
import { introductionNetwork, isInformal } from './projections';
import type { AnalysisInput, AnalysisTie, IntroductionPath, IntroductionResult, IntroductionStep } from './types';
import { fromSafeIds, needsSafeIds, toSafeInput } from './safe-ids';

const MAX_PATHS = 3;

/** The words after "who" for a step from one person to the next, by tie kind and direction. */
function phrase(kind: 'influence' | 'trust', direction: IntroductionStep['direction'], next: string): string {
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
      // Strongest first; then a tie readable forwards; then trust (the warmer word) before influence.
      const forward = (t: AnalysisTie) => (t.mutual ? 1 : t.source === from ? 2 : 0);
      return b.strength - a.strength || forward(b) - forward(a) || (a.kind === 'trust' ? -1 : 1) - (b.kind === 'trust' ? -1 : 1);
    });
  const best = between[0];
  const direction: IntroductionStep['direction'] = best.mutual ? 'mutual' : best.source === from ? 'forward' : 'backward';
  const kind = best.kind as 'influence' | 'trust';
  return {
    from,
    to,
    tieIds: between.map((t) => t.id),
    kind,
    direction,
    strength: best.strength,
    phrase: phrase(kind, direction, nameOf(to)),
  };
}

function sentence(personIds: string[], steps: IntroductionStep[], nameOf: (id: string) => string): string {
  if (steps.length === 1) {
    const s = steps[0];
    const relation =
      s.kind === 'influence'
        ? s.direction === 'forward' ? 'you advise them' : s.direction === 'backward' ? 'they advise you' : 'you advise each other'
        : s.direction === 'forward' ? 'you trust them' : s.direction === 'backward' ? 'they trust you' : 'you trust each other';
    return `You can approach ${nameOf(personIds[1])} directly: ${relation}.`;
  }
  const clauses = steps.slice(1).map((s) => `who ${s.phrase}`);
  return `Ask ${nameOf(personIds[1])}, ${clauses.join(', ')}.`;
}

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
  const ties = input.ties.filter(isInformal);
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
    return result([], `No route to ${target} through influence or trust ties yet: get to know someone who knows ${target}.`);
  }
  const first = paths[0];
  const via = paths.filter((p) => p.personIds.length > 2).map((p) => nameOf(p.personIds[1]));
  const message =
    first.personIds.length === 2 && paths.length === 1
      ? first.sentence
      : paths.length === 1
        ? `One route to ${target}: ${first.sentence}`
        : `${paths.length} routes to ${target}, through ${listNames(via, 3)}. Strongest: ${first.sentence}`;
  return result(paths, message);
}
