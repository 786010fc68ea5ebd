/**
 * The words for "who advises a senior leader, and from where": one phrase per relation, used by the
 * Insights headline and the person's explanation so both say the same thing.
 */
import { listNames, plural } from './format';
import type { AdviceRelation, AnalysisPerson, LeaderAdvice } from './types';

function sameDepartment(a: string, b: string): boolean {
  return a.trim() !== '' && a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** Where the advisor sits, for a parenthesis: "3 levels below", "in another department". */
export function positionWords(relation: AdviceRelation, levels: number | null, advisor: AnalysisPerson, leader: AnalysisPerson): string {
  switch (relation) {
    case 'direct-report':
      return 'their direct report';
    case 'manager':
      return 'their manager';
    case 'below':
      return `${plural(levels ?? 0, 'level', 'levels')} below`;
    case 'above':
      return `${plural(levels ?? 0, 'level', 'levels')} above`;
    case 'beside':
      if (advisor.department.trim() && leader.department.trim() && !sameDepartment(advisor.department, leader.department)) return 'in another department';
      return sameDepartment(advisor.department, leader.department) ? `beside them in ${leader.department.trim()}` : 'outside their line';
  }
}

/**
 * The leader as seen from the advisor, for the advisor's row in the Metrics CSV:
 * "their manager", "their direct report", "3 levels above them", "in another department".
 */
export function leaderSeenFromAdvisor(advice: LeaderAdvice, advisor: AnalysisPerson, leader: AnalysisPerson): string {
  switch (advice.relation) {
    case 'direct-report':
      return 'their manager';
    case 'manager':
      return 'their direct report';
    case 'below':
      return `${plural(advice.levels ?? 0, 'level', 'levels')} above them`;
    case 'above':
      return `${plural(advice.levels ?? 0, 'level', 'levels')} below them`;
    case 'beside':
      return positionWords('beside', null, advisor, leader);
  }
}

function nameOf(p: AnalysisPerson): string {
  return p.name.trim() || 'Unnamed person';
}

function withTitle(p: AnalysisPerson): string {
  const title = p.title?.trim();
  return title ? `${nameOf(p)} (${title})` : nameOf(p);
}

/**
 * One sentence per advisor for the Insights list, about their first advice (informal first):
 * "Rita Sol (Engineer, 3 levels below) has the ear of Ana Diaz (Chief Executive)."
 * "Tom Lee (VP) advises their manager Ana Diaz (Chief Executive)."
 * "Ana Diaz (Chief Executive) advises Tom Lee (VP), who reports to them."
 */
export function advisorHeadline(advisor: AnalysisPerson, advice: LeaderAdvice, leader: AnalysisPerson): string {
  const title = advisor.title?.trim();
  if (advice.relation === 'direct-report') return `${withTitle(advisor)} advises their manager ${withTitle(leader)}.`;
  if (advice.relation === 'manager') return `${withTitle(advisor)} advises ${withTitle(leader)}, who reports to them.`;
  const where = positionWords(advice.relation, advice.levels, advisor, leader);
  return `${nameOf(advisor)} (${title ? `${title}, ` : ''}${where}) has the ear of ${withTitle(leader)}.`;
}

/** "from 3 levels below", "from another department": where informal advice comes from. */
function fromWhere(advice: LeaderAdvice, advisor: AnalysisPerson, leader: AnalysisPerson): string {
  return `from ${positionWords(advice.relation, advice.levels, advisor, leader).replace(/^in /, '')}`;
}

/**
 * The person's explanation for "Leaders advised"; the counts match the table's two columns.
 * Leaders advised from the same place are grouped: "Advises 4 senior leaders (3 informally):
 * Marcus Okafor and Daniel Reyes from another department; Ana Diaz from 2 levels below; their
 * manager Helena Brandt."
 */
export function leadersAdvisedSentence(advisor: AnalysisPerson, advice: LeaderAdvice[], personAt: (id: string) => AnalysisPerson): string {
  if (advice.length === 0) return 'Does not advise any senior leader (no influence tie into one, not trusted by one).';
  const informal = advice.filter((a) => a.informal).length;
  // Insertion order keeps informal groups first (advice is sorted informal first, then by strength).
  const groups = new Map<string, string[]>();
  for (const a of advice) {
    const leader = personAt(a.leaderId);
    const key = a.relation === 'direct-report' || a.relation === 'manager' ? a.relation : fromWhere(a, advisor, leader);
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(nameOf(leader));
  }
  const parts = [...groups.entries()].map(([key, names]) => {
    if (key === 'direct-report') return `their ${names.length === 1 ? 'manager' : 'managers'} ${listNames(names)}`;
    if (key === 'manager') return `${listNames(names)}, who ${names.length === 1 ? 'reports' : 'report'} to them`;
    return `${listNames(names)} ${key}`;
  });
  const count = informal === 0 ? 'none informally' : informal === advice.length ? (advice.length === 1 ? 'informally' : 'all informally') : `${informal} informally`;
  return `Advises ${plural(advice.length, 'senior leader', 'senior leaders')} (${count}): ${parts.join('; ')}.`;
}
