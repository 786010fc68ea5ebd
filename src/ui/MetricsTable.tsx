import { useMemo, useState } from 'react';
import { percent } from '../analysis/format';
import type { PersonMetrics } from '../analysis/types';
import { displayName, levelName } from '../domain/describe';
import type { MapDocument } from '../domain/types';
import { useEditor, useServices } from '../state/context';
import { useFocusPerson } from './InsightsPanel';

interface Column {
  key: string;
  label: string;
  title: string;
  value: (m: PersonMetrics, doc: MapDocument) => number | string;
  format?: (v: number) => string;
  text?: boolean;
}

const fixed = (digits: number) => (v: number) => v.toFixed(digits);

const COLUMNS: Column[] = [
  { key: 'name', label: 'Name', title: 'Name', value: (m, doc) => displayName(doc.stakeholders[m.id]), text: true },
  { key: 'department', label: 'Department', title: 'Department', value: (m, doc) => doc.stakeholders[m.id]?.department ?? '', text: true },
  { key: 'seniority', label: 'Level', title: 'Seniority level', value: (m, doc) => doc.stakeholders[m.id]?.seniority ?? 0, text: true },
  { key: 'degree', label: 'Ties', title: 'People linked by influence or trust', value: (m) => m.degree },
  { key: 'inDegree', label: 'In', title: 'Ties coming in (informal network)', value: (m) => m.inDegree },
  { key: 'outDegree', label: 'Out', title: 'Ties going out (informal network)', value: (m) => m.outDegree },
  { key: 'betweenness', label: 'Betweenness', title: 'Share of strongest paths between others that pass through this person', value: (m) => m.betweenness, format: fixed(3) },
  { key: 'betweennessUnweighted', label: 'Betw. (hops)', title: 'Betweenness counting every tie as one step', value: (m) => m.betweennessUnweighted, format: fixed(3) },
  { key: 'pagerank', label: 'PageRank', title: 'Informal influence from influence ties', value: (m) => m.pagerank, format: fixed(3) },
  { key: 'closeness', label: 'Closeness', title: 'Harmonic closeness: how near everyone else is', value: (m) => m.closeness, format: fixed(3) },
  { key: 'constraint', label: 'Constraint', title: "Burt's constraint: how much contacts are tied to each other (lower = more brokerage)", value: (m) => m.constraint ?? -1, format: (v) => (v < 0 ? '–' : v.toFixed(3)) },
  { key: 'effectiveSize', label: 'Eff. size', title: "Burt's effective size: non-redundant contacts", value: (m) => m.effectiveSize ?? -1, format: (v) => (v < 0 ? '–' : v.toFixed(2)) },
  { key: 'brokerageRole', label: 'Broker role', title: 'Dominant Gould-Fernandez brokerage role, departments as groups', value: (m) => m.brokerageRole ?? '', text: true },
  { key: 'cluster', label: 'Cluster', title: 'Louvain cluster', value: (m) => (m.cluster === null ? -1 : m.cluster + 1), format: (v) => (v < 0 ? '–' : String(v)) },
  { key: 'leadersAdvised', label: 'Leaders advised', title: 'Senior leaders this person advises', value: (m) => m.leadersAdvised },
  { key: 'keyPersonRisk', label: 'Key-person risk', title: 'Share of the connections between other people that take more steps or break without this person', value: (m) => m.keyPersonRisk, format: percent },
  { key: 'hiddenInfluence', label: 'Beyond position', title: 'Informal rank compared with formal rank, in places (positive = hidden influencer)', value: (m) => m.hiddenInfluence, format: (v) => (v > 0 ? `+${v}` : String(v)) },
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
        <span className="metrics__count">{rows.length} shown</span>
        <button type="button" className="button button--icon" aria-label="Close metrics" onClick={() => store.getState().setMetricsOpen(false)}>
          ×
        </button>
      </div>
      <div className="metrics__scroll">
        {!analysis ? (
          <p className="panel__empty">Analysing…</p>
        ) : (
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
        )}
      </div>
    </section>
  );
}
