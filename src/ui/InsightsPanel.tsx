import { useReactFlow } from '@xyflow/react';
import { Fragment, useMemo, type ReactNode } from 'react';
import { percent } from '../analysis/format';
import type { AnalysisResult } from '../analysis/types';
import { COLOUR_BY_LABELS, SIZE_BY_LABELS } from '../canvas/overlay';
import { displayName } from '../domain/describe';
import { NODE_HEIGHT, nodeWidth } from '../domain/defaults';
import type { Id, MapDocument } from '../domain/types';
import { useEditor, useServices } from '../state/context';
import { useIntroductionPaths } from '../state/hooks';
import type { Lens } from '../state/store';
import { peopleByName, PersonPicker } from './PersonPicker';
import { countOf, formatCount } from '../domain/numbers';

const LENSES: { value: Lens; label: string; hint: string }[] = [
  { value: 'none', label: 'Everyone', hint: 'No lens' },
  { value: 'brokers', label: 'Brokers', hint: 'Fade everyone but the key brokers' },
  { value: 'advisors', label: 'Advisors', hint: 'Senior leaders, their advisors and the advising ties; informal advisors are badged' },
  { value: 'path', label: 'Path', hint: 'The way from Me to the person you want to reach' },
];

/** Centres the canvas on a person and selects them. */
export function useFocusPerson(): (id: Id) => void {
  const { store } = useServices();
  const flow = useReactFlow();
  return (id: Id) => {
    const person = store.getState().doc?.stakeholders[id];
    if (!person) return;
    store.getState().select([id]);
    const zoom = Math.max(flow.getZoom(), 0.9);
    void flow.setCenter(person.x + nodeWidth(person.influence) / 2, person.y + NODE_HEIGHT / 2, { zoom, duration: 300 });
  };
}

function PersonLink({ id, doc, children }: { id: Id; doc: MapDocument; children?: ReactNode }) {
  const focus = useFocusPerson();
  return (
    <button type="button" className="person-link" onClick={() => focus(id)}>
      {children ?? displayName(doc.stakeholders[id])}
    </button>
  );
}

export function InsightsPanel() {
  const doc = useEditor((s) => s.doc);
  const analysis = useEditor((s) => s.analysis);
  const state = useEditor((s) => s.analysisState);
  const error = useEditor((s) => s.analysisError);
  if (!doc) return null;
  return (
    <div className="insights">
      <div className="insights__status" role="status" aria-live="polite">
        {state === 'updating' && <span className="insights__updating">Updating…</span>}
        {state === 'error' && <span className="insights__error">Analysis failed: {error}</span>}
      </div>
      <ViewControls />
      {!analysis ? (
        <p className="panel__empty">{state === 'error' ? 'The map could not be analysed.' : 'Analysing the map…'}</p>
      ) : (
        <>
          {analysis.messages.length > 0 && (
            <ul className="insights__messages">
              {analysis.messages.map((m, i) => (
                <li key={i}>{m}</li>
              ))}
            </ul>
          )}
          <PathFinder doc={doc} />
          <Brokers doc={doc} analysis={analysis} />
          <Advisors doc={doc} analysis={analysis} />
          <BeyondPosition doc={doc} analysis={analysis} />
          <Clusters doc={doc} analysis={analysis} />
        </>
      )}
    </div>
  );
}

function ViewControls() {
  const { store } = useServices();
  const lens = useEditor((s) => s.lens);
  const sizeBy = useEditor((s) => s.sizeBy);
  const colourBy = useEditor((s) => s.colourBy);
  return (
    <section className="insights__section" aria-label="View">
      <div className="lens" role="radiogroup" aria-label="Lens">
        {LENSES.map((l) => (
          <button key={l.value} type="button" role="radio" aria-checked={lens === l.value} className={lens === l.value ? 'lens__option lens__option--on' : 'lens__option'} title={l.hint} onClick={() => store.getState().setLens(l.value)}>
            {l.label}
          </button>
        ))}
      </div>
      <div className="field-row">
        <LabelledChoice id="size-by" label="Size by" labels={SIZE_BY_LABELS} value={sizeBy} onChange={(v) => store.getState().setSizeBy(v)} />
        <LabelledChoice id="colour-by" label="Colour by" labels={COLOUR_BY_LABELS} value={colourBy} onChange={(v) => store.getState().setColourBy(v)} />
      </div>
    </section>
  );
}

function Section({ title, children, hint }: { title: string; children: ReactNode; hint?: string }) {
  return (
    <section className="insights__section" aria-label={title}>
      <h3 className="insights__title">{title}</h3>
      {hint && <p className="insights__hint">{hint}</p>}
      {children}
    </section>
  );
}

function PathFinder({ doc }: { doc: MapDocument }) {
  const { store } = useServices();
  const target = useEditor((s) => s.pathTarget);
  const result = useIntroductionPaths();
  const meId = doc.map.meId;
  const people = useMemo(() => peopleByName(doc.stakeholders).filter((s) => s.id !== meId), [doc.stakeholders, meId]);
  if (!meId) {
    return (
      <Section title="How do I reach…">
        <p className="insights__hint">Mark yourself as Me (select your card, tick “This is me”) to find introduction paths to anyone on the map.</p>
      </Section>
    );
  }
  return (
    <Section title="How do I reach…">
      <div className="field">
        <label htmlFor="path-target">Person to reach</label>
        <PersonPicker id="path-target" people={people} value={target ?? ''} onChange={(id) => store.getState().setPathTarget(id || null)} emptyLabel="Choose a person…" />
      </div>
      {result && (
        <div className="paths" data-testid="introduction-paths">
          {result.paths.length === 0 ? (
            <p className="insights__hint">{result.message}</p>
          ) : (
            <ol className="paths__list">
              {result.paths.map((p, i) => (
                <li key={i} className={i === 0 ? 'paths__best' : undefined}>
                  <span className="paths__label">{i === 0 ? 'Best' : `Alternative ${i}`}</span>
                  {p.sentence}
                </li>
              ))}
            </ol>
          )}
        </div>
      )}
    </Section>
  );
}

function Brokers({ doc, analysis }: { doc: MapDocument; analysis: AnalysisResult }) {
  const ids = analysis.topBrokerIds;
  return (
    <Section title="Key brokers" hint="People who bridge otherwise separate parts of the network.">
      {ids.length === 0 ? (
        <p className="insights__hint">Nobody bridges separate groups yet: add influence and trust ties across teams.</p>
      ) : (
        <ol className="rank">
          {ids.map((id) => (
            <li key={id}>
              <PersonLink id={id} doc={doc} />
              <span className="rank__why">{analysis.explanations[id]?.betweenness}</span>
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}

function Advisors({ doc, analysis }: { doc: MapDocument; analysis: AnalysisResult }) {
  if (analysis.seniorLeaderIds.length === 0) {
    return (
      <Section title="Who advises the senior leaders">
        <p className="insights__hint">No one on this map is at or above the senior leadership level. Set people’s Seniority, or change the leadership level in Map settings.</p>
      </Section>
    );
  }
  const top = analysis.advisors.slice(0, 8);
  const leaders = analysis.seniorLeaderIds.length;
  return (
    <Section
      title="Who advises the senior leaders"
      hint={`${leaders === 1 ? '1 senior leader' : `${formatCount(leaders)} senior leaders`} on this map. Advice from a leader’s own line (their direct manager or direct reports) is formal; anyone else who has their ear is an informal advisor.`}
    >
      {top.length === 0 ? (
        <p className="insights__hint">No influence or trust ties reach the senior leaders yet.</p>
      ) : (
        <ol className="rank">
          {top.map((a) => {
            // The headline starts with the advisor's name: that part is the link to them.
            const name = displayName(doc.stakeholders[a.id]);
            const rest = a.headline.startsWith(name) ? a.headline.slice(name.length) : null;
            return (
              <li key={a.id} data-testid="advisor">
                <PersonLink id={a.id} doc={doc} />
                {rest ?? <span className="rank__why">{a.headline}</span>}
                {a.informalLeaderCount > 0 && <span className="tag">informal</span>}
                {a.leaderCount > 1 && <span className="rank__why">{analysis.explanations[a.id]?.leadersAdvised}</span>}
              </li>
            );
          })}
        </ol>
      )}
    </Section>
  );
}

function BeyondPosition({ doc, analysis }: { doc: MapDocument; analysis: AnalysisResult }) {
  const hidden = analysis.hiddenInfluencerIds.slice(0, 5);
  const heads = analysis.figureheadIds.slice(0, 5);
  if (hidden.length === 0 && heads.length === 0) return null;
  return (
    <Section title="Influence beyond position" hint="Informal influence (who sways whom) compared with formal rank.">
      {[
        { title: 'Hidden influencers', ids: hidden },
        { title: 'Figureheads', ids: heads },
      ].map(
        ({ title, ids }) =>
          ids.length > 0 && (
            <Fragment key={title}>
              <h4 className="insights__subtitle">{title}</h4>
              <ul className="rank">
                {ids.map((id) => (
                  <li key={id}>
                    <PersonLink id={id} doc={doc} />
                    <span className="rank__why">{analysis.explanations[id]?.hiddenInfluence}</span>
                  </li>
                ))}
              </ul>
            </Fragment>
          ),
      )}
    </Section>
  );
}

function Clusters({ doc, analysis }: { doc: MapDocument; analysis: AnalysisResult }) {
  const { store } = useServices();
  if (analysis.clusters.length === 0) return null;
  return (
    <Section title="Clusters" hint={`Groups that talk mostly among themselves (modularity ${analysis.modularity.toFixed(2)}).`}>
      <ul className="rank">
        {analysis.clusters.map((c) => (
          <li key={c.index}>
            <PersonLink id={c.centralId} doc={doc}>
              {c.name}
            </PersonLink>
            <span className="rank__why">
              {countOf(c.memberIds.length, 'person', 'people')}, {percent(c.memberIds.length / Math.max(1, analysis.people.length))} of the map
            </span>
          </li>
        ))}
      </ul>
      <button type="button" className="link-button" onClick={() => store.getState().setColourBy('cluster')}>
        Colour the map by cluster
      </button>
    </Section>
  );
}

/** A select over a table of labels (its keys are the values). */
function LabelledChoice<K extends string>({ id, label, labels, value, onChange }: { id: string; label: string; labels: Record<K, string>; value: K; onChange: (value: K) => void }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as K)}>
        {(Object.keys(labels) as K[]).map((k) => (
          <option key={k} value={k}>
            {labels[k]}
          </option>
        ))}
      </select>
    </div>
  );
}
