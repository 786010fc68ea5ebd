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
 * "Tom Lee (VP, their direct report) advises Ana Diaz (Chief Executive) within her line."
 */
export function advisorHeadline(advisor: AnalysisPerson, advice: LeaderAdvice, leader: AnalysisPerson): string {
  const title = advisor.title?.trim();
  const where = positionWords(advice.relation, advice.levels, advisor, leader);
  const who = `${nameOf(advisor)} (${title ? `${title}, ` : ''}${where})`;
  return advice.informal ? `${who} has the ear of ${withTitle(leader)}.` : `${who} advises ${withTitle(leader)} from within their own line.`;
}

/** "has Ana Diaz's ear from 3 levels below", "advises their manager Ana Diaz". */
function advicePhrase(advice: LeaderAdvice, advisor: AnalysisPerson, leader: AnalysisPerson): string {
  const name = nameOf(leader);
  if (advice.relation === 'direct-report') return `advises their manager ${name}`;
  if (advice.relation === 'manager') return `advises ${name}, who reports to them`;
  const where = positionWords(advice.relation, advice.levels, advisor, leader);
  return `has ${name}'s ear from ${where.replace(/^in /, '')}`;
}

/** The person's explanation for "Leaders advised"; counts match the table's two columns. */
export function leadersAdvisedSentence(advisor: AnalysisPerson, advice: LeaderAdvice[], personAt: (id: string) => AnalysisPerson): string {
  if (advice.length === 0) return 'Does not advise any senior leader (no influence tie into one, not trusted by one).';
  const informal = advice.filter((a) => a.informal).length;
  const phrases = advice.map((a) => advicePhrase(a, advisor, personAt(a.leaderId)));
  const shown = phrases.length <= 3 ? listNames(phrases) : `${phrases.slice(0, 2).join(', ')} and ${plural(phrases.length - 2, 'more', 'more')}`;
  const count = informal === 0 ? 'none informally' : informal === advice.length ? (advice.length === 1 ? 'informally' : 'all informally') : `${informal} informally`;
  return `Advises ${plural(advice.length, 'senior leader', 'senior leaders')} (${count}): ${shown}.`;
}
