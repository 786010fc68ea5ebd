import { useMemo } from 'react';
import { toAnalysisInput } from '../../analysis/input';
import { introductionPaths } from '../../analysis/paths';
import type { IntroductionPath } from '../../analysis/types';
import { networkBalance, type BalanceRow } from '../../domain/balance';
import { displayName } from '../../domain/describe';
import type { Id, MapDocument } from '../../domain/types';
import { useEditor, useServices } from '../../state/context';
import { useFocusPerson } from '../InsightsPanel';
import { countOf, formatCount } from '../../domain/numbers';

const pct = (share: number) => `${Math.round(share * 100)}%`;

/** Two bars per group: my ties against the map as a whole (plain CSS, no chart library). */
function BalanceChart({ title, rows, tied }: { title: string; rows: BalanceRow[]; tied: number }) {
  const shown = rows.filter((r) => r.onMap > 0);
  return (
    <figure className="balance-chart" aria-label={title}>
      <figcaption className="insights__subtitle">{title}</figcaption>
      <ul className="balance-chart__rows">
        {shown.map((r) => (
          <li key={r.key} className="balance-chart__row">
            <span className="balance-chart__label" title={r.label} aria-hidden="true">
              {r.label}
            </span>
            <span className="balance-chart__bars" aria-hidden="true">
              <span className="balance-chart__bar balance-chart__bar--me" style={{ width: `${Math.max(r.myShare * 100, r.mine ? 2 : 0)}%` }} />
              <span className="balance-chart__bar balance-chart__bar--map" style={{ width: `${Math.max(r.mapShare * 100, 2)}%` }} />
            </span>
            <span className="balance-chart__nums">
              <span className="visually-hidden">{`${r.label}: `}</span>
              <span className={r.mine ? 'balance-chart__me' : 'balance-chart__me balance-chart__me--zero'}>{tied ? pct(r.myShare) : '–'}</span>
              <span className="visually-hidden"> of your ties, </span>
              <span className="balance-chart__map">{pct(r.mapShare)}</span>
              <span className="visually-hidden"> of the map</span>
            </span>
          </li>
        ))}
      </ul>
    </figure>
  );
}

interface BlindSpotRow {
  key: string;
  label: string;
  detail: string;
  targetId: Id;
  path: IntroductionPath | null;
  message: string;
}

function useBlindSpots(doc: MapDocument) {
  const balance = useMemo(() => networkBalance(doc), [doc]);
  const rows = useMemo(() => {
    const meId = balance.meId;
    if (!meId) return [];
    const input = toAnalysisInput(doc);
    const best = (ids: Id[]) => {
      let pick: { id: Id; path: IntroductionPath | null; message: string } | null = null;
      for (const id of ids) {
        const r = introductionPaths(input, meId, id);
        const p = r.paths[0] ?? null;
        if (!pick || (p && (!pick.path || p.cost < pick.path.cost))) pick = { id, path: p, message: r.message };
      }
      return pick;
    };
    const out: BlindSpotRow[] = [];
    for (const l of balance.blindSpots.leaders) {
      const s = doc.stakeholders[l.id];
      const b = best([l.id])!;
      out.push({
        key: `leader:${l.id}`,
        label: l.name,
        detail: [s?.title, l.distance === null ? 'no path from you' : `${l.distance} steps away`].filter(Boolean).join(' · '),
        targetId: l.id,
        path: b.path,
        message: b.message,
      });
    }
    for (const d of balance.blindSpots.departments) {
      const b = best(d.people);
      if (!b) continue;
      out.push({
        key: `dept:${d.department}`,
        label: d.department,
        detail: `${countOf(d.people.length, 'person', 'people')} · ${d.distance === null ? 'no path from you' : `nearest is ${formatCount(d.distance)} steps away`}`,
        targetId: b.id,
        path: b.path,
        message: b.message,
      });
    }
    return out;
    // Positions do not change paths; the balance already keys on the document.
  }, [balance, doc]);
  return { balance, rows };
}

/** "My network balance": ties by seniority and department against the map, findings, blind spots. */
export function BalancePanel() {
  const doc = useEditor((s) => s.doc);
  if (!doc) return null;
  return <BalanceBody doc={doc} />;
}

function BalanceBody({ doc }: { doc: MapDocument }) {
  const { store } = useServices();
  const focus = useFocusPerson();
  const { balance, rows } = useBlindSpots(doc);
  const pathTarget = useEditor((s) => s.pathTarget);
  if (!balance.meId) {
    return (
      <section className="insights__section" aria-label="My network balance">
        <h3 className="insights__title">My network balance</h3>
        <p className="insights__hint">
          Mark yourself as Me to see how your ties spread across seniority and departments, and which senior leaders and teams you cannot reach yet.
        </p>
        <ol className="howto">
          <li>Add yourself to the map (or find your card).</li>
          <li>Select your card and tick “This is me” in Details, or right-click it and choose “Mark as me”.</li>
        </ol>
      </section>
    );
  }
  const me = doc.stakeholders[balance.meId];
  const showPath = (id: Id) => {
    const state = store.getState();
    if (state.view === 'grid' || state.view === 'ego') state.setView('network');
    state.setPathTarget(id);
  };
  return (
    <>
      <section className="insights__section" aria-label="My network balance">
        <h3 className="insights__title">My network balance</h3>
        <p className="insights__hint">
          {displayName(me)} is tied to {formatCount(balance.tiedPeople)} of {countOf(balance.others, 'person', 'people')} on this map (influence, trust or reporting lines).
        </p>
        {balance.findings.length > 0 && (
          <ul className="findings" aria-label="Findings">
            {balance.findings.map((f, i) => (
              <li key={i}>{f.text}</li>
            ))}
          </ul>
        )}
        {balance.others > 0 && (
          <>
            <div className="balance-legend" aria-hidden="true">
              <span>
                <i className="balance-legend__swatch balance-legend__swatch--me" />
                Your ties
              </span>
              <span>
                <i className="balance-legend__swatch balance-legend__swatch--map" />
                Whole map
              </span>
            </div>
            <BalanceChart title="By seniority" rows={balance.byRelative} tied={balance.tiedPeople} />
            <BalanceChart title="By department" rows={balance.byDepartment} tied={balance.tiedPeople} />
          </>
        )}
      </section>
      <section className="insights__section" aria-label="Blind spots">
        <h3 className="insights__title">Blind spots</h3>
        <p className="insights__hint">Senior leaders and departments more than two steps from you, with the best way in.</p>
        {rows.length === 0 ? (
          <p className="panel__empty">None: every senior leader and department is within two steps of you.</p>
        ) : (
          <ul className="blindspots">
            {rows.map((r) => (
              <li key={r.key} className="blindspot">
                <div className="blindspot__head">
                  {r.key.startsWith('leader:') ? (
                    <button type="button" className="person-link" onClick={() => focus(r.targetId)}>
                      {r.label}
                    </button>
                  ) : (
                    <strong>{r.label}</strong>
                  )}
                  <span className="blindspot__detail">{r.detail}</span>
                </div>
                <p className="blindspot__path">{r.path ? r.path.sentence : r.message}</p>
                {r.path && (
                  <button
                    type="button"
                    className={pathTarget === r.targetId ? 'button button--small button--pressed' : 'button button--small'}
                    aria-label={r.key.startsWith('leader:') ? `Show the path to ${displayName(doc.stakeholders[r.targetId])} on the map` : `Show the path into ${r.label} on the map`}
                    onClick={() => showPath(r.targetId)}
                  >
                    Show on map
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
