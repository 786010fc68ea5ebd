/**
 * "What if ... leaves?": a floating panel over the canvas comparing the map with and without some
 * people. It only reads the document; the comparison is worked out in the analysis worker and
 * drawn as an overlay (canvas/what-if-overlay.ts). Closing it returns everything as it was.
 */
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { createAnalysisClient, isAnalysisCancelled, type AnalysisClient } from '../../analysis/client';
import { ordinal, percent } from '../../analysis/format';
import { toAnalysisInput } from '../../analysis/input';
import type { AnalysisInput } from '../../analysis/types';
import type { WhatIfResult } from '../../analysis/what-if';
import { displayName } from '../../domain/describe';
import type { Id, MapDocument } from '../../domain/types';
import { useEditor } from '../../state/context';
import { useWhatIf, whatIfStore } from '../../state/what-if';
import { useFocusPerson } from '../InsightsPanel';
import { peopleByName, PersonPicker } from '../PersonPicker';
import { sameAnalysisInput } from '../useAnalysisRunner';
import './what-if.css';
import { formatCount } from '../../domain/numbers';

/** Long lists show this many until the user asks for all. */
const SHOWN = 8;

const count = formatCount;
const stepsText = (n: number) => (n === 1 ? '1 step' : `${count(n)} steps`);

/**
 * Keeps the comparison current while the panel is open (new people taken out, or map edits). The
 * worker is started on first use and stopped when the what-if closes, so it costs nothing until
 * someone asks.
 */
function useWhatIfRunner(doc: MapDocument | null, removedIds: Id[]) {
  const client = useRef<AnalysisClient | null>(null);
  // Only the newest request may land. Counted per request, not per render: a render that changes
  // nothing the comparison depends on (a card moved) must not drop the answer still on its way.
  const latest = useRef(0);
  const last = useRef<{ input: AnalysisInput; ids: string } | null>(null);
  const stop = () => {
    latest.current++;
    last.current = null;
    client.current?.dispose();
    client.current = null;
  };
  useEffect(() => stop, []);
  useEffect(() => {
    if (!doc || removedIds.length === 0) {
      stop();
      return;
    }
    const input = toAnalysisInput(doc);
    const ids = removedIds.join('\u0000');
    // Moving a card or editing notes changes nothing the comparison depends on.
    if (last.current && last.current.ids === ids && sameAnalysisInput(last.current.input, input)) return;
    last.current = { input, ids };
    const mine = ++latest.current;
    client.current ??= createAnalysisClient({ debounceMs: 0 });
    whatIfStore.getState().setResult(whatIfStore.getState().result, 'working');
    client.current.whatIf(input, removedIds).then(
      (result) => {
        if (mine === latest.current) whatIfStore.getState().setResult(result, 'ready');
      },
      (error: unknown) => {
        if (mine !== latest.current || isAnalysisCancelled(error)) return;
        whatIfStore.getState().setResult(null, 'error', error instanceof Error ? error.message : String(error));
      },
    );
  }, [doc, removedIds]);
}

export function WhatIfPanel() {
  const doc = useEditor((s) => s.doc);
  const removedIds = useWhatIf((s) => s.removedIds);
  const mapId = doc?.map.id ?? null;
  const openedFor = useRef(mapId);
  // Another map opened: the what-if belonged to the previous one.
  useEffect(() => {
    if (openedFor.current !== mapId) whatIfStore.getState().close();
    openedFor.current = mapId;
  }, [mapId]);
  // Everyone taken out was deleted from the map meanwhile: nothing left to compare.
  const anyPresent = !!doc && removedIds.some((id) => id in doc.stakeholders);
  useEffect(() => {
    if (removedIds.length > 0 && !anyPresent) whatIfStore.getState().close();
  }, [removedIds.length, anyPresent]);
  useWhatIfRunner(doc, removedIds);
  if (!doc || !anyPresent) return null;
  return <WhatIfBody doc={doc} removedIds={removedIds} />;
}

function WhatIfBody({ doc, removedIds }: { doc: MapDocument; removedIds: Id[] }) {
  const result = useWhatIf((s) => s.result);
  const status = useWhatIf((s) => s.status);
  const error = useWhatIf((s) => s.error);
  const analysis = useEditor((s) => s.analysis);
  const panelRef = useRef<HTMLElement>(null);
  const addId = useId();
  const present = removedIds.filter((id) => id in doc.stakeholders);
  const name = (id: Id) => displayName(doc.stakeholders[id]);
  const title = present.length === 1 ? `What if ${name(present[0])} leaves?` : `What if these ${count(present.length)} people leave?`;
  const current = result && result.removedIds.length === present.length && result.removedIds.every((id) => present.includes(id)) ? result : null;
  const candidates = useMemo(() => peopleByName(doc.stakeholders).filter((p) => !removedIds.includes(p.id)), [doc.stakeholders, removedIds]);

  // Opening (or taking out another person) moves focus into the panel, so keyboard users land here;
  // closing gives it back to where it was (the card, or the Details button).
  useEffect(() => {
    panelRef.current?.focus();
  }, [removedIds.length]);
  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    return () => {
      if (previous?.isConnected) previous.focus();
    };
  }, []);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      whatIfStore.getState().close();
    }
  };

  return (
    <aside ref={panelRef} className="what-if" aria-labelledby="what-if-title" tabIndex={-1} onKeyDown={onKeyDown}>
      <div className="what-if__header">
        <h2 id="what-if-title" className="what-if__title">
          {title}
        </h2>
        <button type="button" className="button button--icon" aria-label="Close what-if" title="Close (Esc): the map is as it was" onClick={() => whatIfStore.getState().close()}>
          ×
        </button>
      </div>
      <p className="what-if__note">
        A preview only: the map itself does not change. On the canvas, people who leave are crossed out; <span className="what-if__key" aria-hidden="true" />
        dashed ties are your routes that get longer or break.
      </p>
      <ul className="what-if__removed" aria-label="People who leave">
        {present.map((id) => (
          <li key={id} className="what-if__chip">
            <span>{name(id)}</span>
            {analysis?.people[analysis.indexById[id]] && <span className="what-if__risk">key-person risk {percent(analysis.people[analysis.indexById[id]].keyPersonRisk)}</span>}
            <button type="button" className="what-if__chip-remove" aria-label={`Keep ${name(id)} (put back)`} onClick={() => whatIfStore.getState().restore(id)}>
              ×
            </button>
          </li>
        ))}
      </ul>
      <div className="field what-if__add">
        <label htmlFor={addId}>Someone else leaves too</label>
        <PersonPicker id={addId} people={candidates} value="" onChange={(id) => id && whatIfStore.getState().add(id)} emptyLabel="Choose a person…" />
      </div>
      <div role="status" aria-live="polite" className="what-if__status">
        {status === 'working' && 'Working out what changes…'}
        {status === 'error' && `Could not work it out: ${error}`}
      </div>
      {current && <WhatIfResults doc={doc} result={current} />}
    </aside>
  );
}

function WhatIfResults({ doc, result }: { doc: MapDocument; result: WhatIfResult }) {
  const focus = useFocusPerson();
  const name = (id: Id) => displayName(doc.stakeholders[id]);
  const link = (id: Id) => (
    <button type="button" className="person-link" onClick={() => focus(id)}>
      {name(id)}
    </button>
  );
  // One line per person: their name (a link to their card), then what changes for them.
  const personRows = <T,>(list: readonly T[], idOf: (item: T) => Id, detail: (item: T) => string) =>
    list.map((item) => (
      <li key={idOf(item)}>
        {link(idOf(item))} <span className="what-if__detail">{detail(item)}</span>
      </li>
    ));
  return (
    <div className="what-if__results">
      <ul className="what-if__summary" aria-label="What changes">
        {result.summary.map((s, i) => (
          <li key={i}>{s}</li>
        ))}
      </ul>
      <CappedSection title="You could no longer reach" label="No longer reachable" items={personRows(result.unreachable, (c) => c.id, (c) => `${stepsText(c.before)} today, no route after`)} />
      <CappedSection title="Longer routes from you" label="Longer routes" items={personRows(result.longerPaths, (c) => c.id, (c) => `${stepsText(c.before)} → ${stepsText(c.after!)}`)} />
      <CappedSection
        title="Senior leaders who lose an advisor"
        label="Leaders who lose an advisor"
        items={personRows(
          result.leaders,
          (l) => l.leaderId,
          (l) => `loses ${l.lostAdvisorIds.map((id) => name(id) + (l.lostInformalIds.includes(id) ? ' (informal)' : '')).join(', ')}; ${count(l.advisorsAfter)} of ${count(l.advisorsBefore)} advisors left`,
        )}
      />
      <CappedSection
        title="Departments that lose their only tie"
        label="Departments that lose their only tie"
        items={result.bridges.map((b) => (
          <li key={b.departments.join('|')}>
            {b.departments[0]} – {b.departments[1]}{' '}
            <span className="what-if__detail">
              ({b.ties === 1 ? '1 tie' : `${count(b.ties)} ties`}, through {b.viaIds.map(name).join(', ')})
            </span>
          </li>
        ))}
      />
      <Section title="Key brokers afterwards">
        {result.brokers.length === 0 ? (
          <p className="what-if__detail">Nobody would sit between two other people.</p>
        ) : (
          <ol className="what-if__list" aria-label="Key brokers afterwards">
            {result.brokers.map((b) => (
              <li key={b.id}>
                {link(b.id)}{' '}
                <span className="what-if__detail">{b.rankBefore === null ? 'not a broker before' : b.rankBefore === b.rankAfter ? 'same place as before' : `was ${ordinal(b.rankBefore)}`}</span>
              </li>
            ))}
          </ol>
        )}
      </Section>
    </div>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="what-if__section">
      <h3 className="what-if__heading">{title}</h3>
      {children}
    </section>
  );
}

/** A section listing what changes, titled with how many; nothing when the list is empty. */
function CappedSection({ title, label, items }: { title: string; label: string; items: ReactNode[] }) {
  if (items.length === 0) return null;
  return (
    <Section title={`${title} (${count(items.length)})`}>
      <Capped label={label} items={items} />
    </Section>
  );
}

function Capped({ label, items }: { label: string; items: ReactNode[] }) {
  const [all, setAll] = useState(false);
  const shown = all ? items : items.slice(0, SHOWN);
  return (
    <>
      <ul className="what-if__list" aria-label={label}>
        {shown}
      </ul>
      {items.length > SHOWN && (
        <button type="button" className="link-button" onClick={() => setAll(!all)}>
          {all ? 'Show fewer' : `Show all ${count(items.length)}`}
        </button>
      )}
    </>
  );
}
