import './MetricsTable.css';
import { useMemo, useState } from 'react';
import { INFORMAL_LEADERS_ADVISED, METRIC_INFO } from '../analysis/metric-info';
import type { MetricKey, PersonMetrics } from '../analysis/types';
import { displayName, levelName } from '../domain/describe';
import type { MapDocument } from '../domain/types';
import { useEditor, useServices } from '../state/context';
import { useFocusPerson } from './InsightsPanel';
import { estimateSentence } from '../analysis/format';
import { formatCount } from '../domain/numbers';

interface Column {
  key: string;
  label: string;
  title: string;
  value: (m: PersonMetrics, doc: MapDocument) => number | string;
  format?: (v: number) => string;
  text?: boolean;
}

/** A metric column: label, title and number format all come from the one metric table. */
function metric(key: MetricKey, value: (m: PersonMetrics) => number, format: (v: number) => string = METRIC_INFO[key].format): Column {
  return { key, label: METRIC_INFO[key].label, title: METRIC_INFO[key].description, value, format };
}

/** Sorts with "does not apply" (null) below every real value. */
const orNone = (v: number | null) => v ?? -Infinity;
const unlessNone = (format: (v: number) => string) => (v: number) => (v === -Infinity ? '–' : format(v));

const COLUMNS: Column[] = [
  { key: 'name', label: 'Name', title: 'Name', value: (m, doc) => displayName(doc.stakeholders[m.id]), text: true },
  { key: 'department', label: 'Department', title: 'Department', value: (m, doc) => doc.stakeholders[m.id]?.department ?? '', text: true },
  { key: 'seniority', label: 'Level', title: 'Seniority level', value: (m, doc) => doc.stakeholders[m.id]?.seniority ?? 0, text: true },
  metric('degree', (m) => m.degree),
  metric('inDegree', (m) => m.inDegree),
  metric('outDegree', (m) => m.outDegree),
  metric('betweenness', (m) => m.betweenness),
  metric('betweennessUnweighted', (m) => m.betweennessUnweighted),
  metric('pagerank', (m) => m.pagerank),
  metric('closeness', (m) => m.closeness),
  metric('constraint', (m) => orNone(m.constraint), unlessNone(METRIC_INFO.constraint.format)),
  metric('effectiveSize', (m) => orNone(m.effectiveSize), unlessNone(METRIC_INFO.effectiveSize.format)),
  { key: 'brokerage', label: METRIC_INFO.brokerage.label, title: METRIC_INFO.brokerage.description, value: (m) => m.brokerageRole ?? '', text: true },
  metric('cluster', (m) => (m.cluster === null ? -Infinity : m.cluster), unlessNone(METRIC_INFO.cluster.format)),
  metric('leadersAdvised', (m) => m.leadersAdvised),
  { key: 'informalLeadersAdvised', label: INFORMAL_LEADERS_ADVISED.label, title: INFORMAL_LEADERS_ADVISED.description, value: (m) => m.informalLeadersAdvised, format: METRIC_INFO.leadersAdvised.format },
  metric('keyPersonRisk', (m) => m.keyPersonRisk),
  metric('hiddenInfluence', (m) => m.hiddenInfluence),
];

export function MetricsTable() {
  const doc = useEditor((s) => s.doc);
  const analysis = useEditor((s) => s.analysis);
  const selected = useEditor((s) => s.selectedNodes);
  const { store } = useServices();
  const focus = useFocusPerson();
  const [sort, setSort] = useState<{ key: string; dir: 1 | -1 }>({ key: 'betweenness', dir: -1 });
  const [department, setDepartment] = useState('');
  const [level, setLevel] = useState('');

  const departments = useMemo(() => (doc ? [...new Set(Object.values(doc.stakeholders).map((s) => s.department).filter(Boolean))].sort() : []), [doc]);

  const rows = useMemo(() => {
    if (!doc || !analysis) return [];
    const column = COLUMNS.find((c) => c.key === sort.key) ?? COLUMNS[0];
    return analysis.people
      .filter((m) => {
        const s = doc.stakeholders[m.id];
        if (!s) return false;
        if (department && s.department !== department) return false;
        if (level !== '' && String(s.seniority) !== level) return false;
        return true;
      })
      .sort((a, b) => {
        const x = column.value(a, doc);
        const y = column.value(b, doc);
        const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
        return order * sort.dir || displayName(doc.stakeholders[a.id]).localeCompare(displayName(doc.stakeholders[b.id]));
      });
  }, [doc, analysis, sort, department, level]);

  if (!doc) return null;
  return (
    <section className="metrics" aria-label="Metrics panel">
      <div className="metrics__bar">
        <h2 className="panel__title">Metrics</h2>
        <label>
          Department{' '}
          <select value={department} onChange={(e) => setDepartment(e.target.value)}>
            <option value="">All</option>
            {departments.map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        </label>
        <label>
          Level{' '}
          <select value={level} onChange={(e) => setLevel(e.target.value)}>
            <option value="">All</option>
            {doc.map.settings.levels.map((l, i) => (
              <option key={i} value={String(i)}>
                {l}
              </option>
            ))}
          </select>
        </label>
        <span className="metrics__count">{formatCount(rows.length)} shown</span>
        <button type="button" className="button button--icon" aria-label="Close metrics" onClick={() => store.getState().setMetricsOpen(false)}>
          ×
        </button>
      </div>
      <div className="metrics__scroll">
        {!analysis ? (
          <p className="panel__empty">Analysing…</p>
        ) : (
          <>
          {analysis.estimate && <p className="metrics__estimate">{estimateSentence(analysis.estimate)}</p>}
          <table aria-label="Metrics">
            <thead>
              <tr>
                {COLUMNS.map((c) => (
                  <th key={c.key} scope="col" aria-sort={sort.key === c.key ? (sort.dir === 1 ? 'ascending' : 'descending') : 'none'} className={c.text ? undefined : 'num'}>
                    <button type="button" title={c.title} onClick={() => setSort((s) => ({ key: c.key, dir: s.key === c.key ? ((-s.dir) as 1 | -1) : c.text ? 1 : -1 }))}>
                      {c.label}
                      <span aria-hidden="true">{sort.key === c.key ? (sort.dir === 1 ? ' ▲' : ' ▼') : ''}</span>
                    </button>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((m) => (
                <tr key={m.id} className={selected.has(m.id) ? 'metrics__row--selected' : undefined} onClick={() => focus(m.id)}>
                  {COLUMNS.map((c) => {
                    const v = c.value(m, doc);
                    const text = c.key === 'seniority' ? levelName(doc.stakeholders[m.id], doc.map.settings) : typeof v === 'number' && c.format ? c.format(v) : String(v);
                    return c.key === 'name' ? (
                      <th key={c.key} scope="row">
                        <button type="button" className="person-link" onClick={(e) => { e.stopPropagation(); focus(m.id); }}>
                          {text}
                        </button>
                      </th>
                    ) : (
                      <td key={c.key} className={c.text ? undefined : 'num'}>
                        {text}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
          </>
        )}
      </div>
    </section>
  );
}
