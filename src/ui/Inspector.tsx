import { useDeferredValue, useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { displayName, tieSentence } from '../domain/describe';
import { tieCountsKnown, tieCountSteps, tieCountSummary } from '../domain/tie-counts';
import { STANCE_LABELS, STRENGTH_LABELS } from '../domain/defaults';
import { customKind, isKnownKind, kindDirection, TIE_MEANING_LABELS } from '../domain/tie-kinds';
import { TieKindOptions } from './tie-kinds/TieKindOptions';
import { TieKindSettings } from './tie-kinds/TieKindSettings';
import { cutText, TEXT_LIMITS } from '../domain/limits';
import { STANCES, type MapDocument, type Stance, type Stakeholder, type Strength, type Tie } from '../domain/types';
import { stanceGap, stanceHistoryText } from '../domain/stance-history';
import { useStanceTimeline } from './useStanceTimeline';
import { useEditor, useServices } from '../state/context';
import { removeLevel } from '../domain/operations';
import { LockSection } from './LockPanel';
import type { MetricKey } from '../analysis/types';
import { RelationshipSection } from './nurture/RelationshipSection';
import { TeamToggleButton } from './org/team';
import { peopleByName, PersonPicker, type PeopleSource } from './PersonPicker';
import { LimitNote, useTextLimits } from './useTextLimits';
import { whatIfStore } from '../state/what-if';
import { entryCount, hasEntry, sameInEvery, valuesOf } from '../domain/records';
import { countOf } from '../domain/numbers';
import { withContact } from '../domain/contact';

const SCORE_HINTS = ['', 'minimal', 'some', 'moderate', 'high', 'decisive'];

function Field({ label, children, hint, limitMessage }: { label: string; children: (id: string) => ReactNode; hint?: string; limitMessage?: string | null }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children(id)}
      {hint && <p className="field__hint">{hint}</p>}
      <LimitNote message={limitMessage ?? null} />
    </div>
  );
}

export function Inspector() {
  const doc = useEditor((s) => s.doc);
  // Deferred: grabbing a card selects it, and on a large map the canvas must answer that first
  // drag step at once; the panel follows in an interruptible render a moment later.
  const selectedNodes = useDeferredValue(useEditor((s) => s.selectedNodes));
  const selectedTies = useDeferredValue(useEditor((s) => s.selectedTies));
  const readOnly = useEditor((s) => s.readOnly);
  if (!doc) return null;
  const people = [...selectedNodes].filter((id) => hasEntry(doc.stakeholders, id));
  const ties = [...selectedTies].filter((id) => hasEntry(doc.ties, id));
  let body: ReactNode;
  if (people.length === 1 && ties.length === 0) body = <StakeholderInspector key={people[0]} doc={doc} person={doc.stakeholders[people[0]]} />;
  else if (people.length === 0 && ties.length === 1) body = <TieInspector key={ties[0]} doc={doc} tie={doc.ties[ties[0]]} />;
  else if (people.length + ties.length > 1) body = <SelectionSummary people={people.length} ties={ties.length} />;
  else body = <MapInspector doc={doc} />;
  return (
    <div className="inspector" aria-label="Inspector" role="region">
      {readOnly ? (
        // View only: every field and button below is disabled at once (a disabled fieldset).
        <fieldset disabled className="inspector__readonly">
          <p className="inspector__readonly-note">View only: you can read these details but not change them.</p>
          {body}
        </fieldset>
      ) : (
        body
      )}
    </div>
  );
}

/** Up to this many ties a person's are counted at once; beyond, in steps of this many. */
const TIES_COUNTED_AT_ONCE = 20_000;

/**
 * "5 ties: …" for Details. Counted once per ties record and person (domain/tie-counts.ts), so a
 * drop does not count again; on a map with more ties than TIES_COUNTED_AT_ONCE the first count is
 * made in steps between tasks, so the click (or the press of a drag) that shows Details is not
 * held up by a pass over every tie (0.3 s at 50,000 people).
 */
function useTieSummary(doc: MapDocument, id: string): string {
  const [, setCounted] = useState(0);
  const pending = entryCount(doc.ties) > TIES_COUNTED_AT_ONCE && !tieCountsKnown(doc.ties, id);
  const { ties } = doc;
  useEffect(() => {
    if (!pending) return;
    const counter = tieCountSteps(ties, id, TIES_COUNTED_AT_ONCE);
    let timer = setTimeout(function step() {
      if (counter.step()) setCounted((n) => n + 1);
      else timer = setTimeout(step, 0);
    }, 0);
    return () => clearTimeout(timer);
  }, [pending, ties, id]);
  return pending ? 'Counting ties…' : tieCountSummary(doc, id);
}

let lastDepartments: { people: MapDocument['stakeholders']; list: string[] } | null = null;

/**
 * The departments offered while typing one. A drop or a note keeps everyone's department: the last
 * list stands (a pass of pointer checks instead of collecting and sorting 50,000 departments).
 */
function departmentsOf(people: MapDocument['stakeholders']): string[] {
  if (lastDepartments && sameInEvery(lastDepartments.people, people, 'department')) {
    lastDepartments = { people, list: lastDepartments.list };
    return lastDepartments.list;
  }
  const list = [...new Set(Object.values(people).map((s) => s.department).filter(Boolean))].sort();
  lastDepartments = { people, list };
  return list;
}

function StakeholderInspector({ doc, person }: { doc: MapDocument; person: Stakeholder }) {
  const { store } = useServices();
  const update = (patch: Partial<Stakeholder>) => store.getState().updateStakeholder(person.id, patch);
  const limits = useTextLimits();
  const departments = useMemo(() => departmentsOf(doc.stakeholders), [doc.stakeholders]);
  const deptListId = useId();
  const isMe = doc.map.meId === person.id;
  const tieSummary = useTieSummary(doc, person.id);
  return (
    <div className="inspector__section">
      <h2 className="inspector__heading">{displayName(person)}</h2>
      <p className="inspector__sub">
        {tieSummary}
      </p>
      <TeamToggleButton id={person.id} />
      <Field label="Name" limitMessage={limits.messageFor('name')}>
        {(id) => <input id={id} value={person.name} onChange={(e) => update({ name: limits.accept('name', 'personName', e.target.value) })} autoComplete="off" />}
      </Field>
      <Field label="Title" limitMessage={limits.messageFor('title')}>
        {(id) => <input id={id} value={person.title} onChange={(e) => update({ title: limits.accept('title', 'title', e.target.value) })} autoComplete="off" />}
      </Field>
      <Field label="Department" limitMessage={limits.messageFor('department')}>
        {(id) => (
          <>
            <input id={id} value={person.department} list={deptListId} onChange={(e) => update({ department: limits.accept('department', 'department', e.target.value) })} autoComplete="off" />
            <datalist id={deptListId}>
              {departments.map((d) => (
                <option key={d} value={d} />
              ))}
            </datalist>
          </>
        )}
      </Field>
      <Field label="Seniority">
        {(id) => (
          <select id={id} value={person.seniority} onChange={(e) => update({ seniority: Number(e.target.value) })}>
            {doc.map.settings.levels.map((level, i) => (
              <option key={i} value={i}>
                {level}
                {i <= doc.map.settings.leadershipLevel ? ' (senior leadership)' : ''}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="field-row">
        <Field label="Influence">
          {(id) => (
            <select id={id} value={person.influence} onChange={(e) => update({ influence: Number(e.target.value) })}>
              {[1, 2, 3, 4, 5].map((n) => (
                <option key={n} value={n}>{`${n} – ${SCORE_HINTS[n]}`}</option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Interest">
          {(id) => (
            <select id={id} value={person.interest} onChange={(e) => update({ interest: Number(e.target.value) })}>
              {[1, 2, 3, 4, 5].map((n) => (
                <option key={n} value={n}>{`${n} – ${SCORE_HINTS[n]}`}</option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div className="field-row">
        <Field label="Stance">
          {(id) => (
            <select id={id} value={person.stance} onChange={(e) => update({ stance: e.target.value as Stakeholder['stance'] })}>
              {STANCES.map((s) => (
                <option key={s} value={s}>
                  {STANCE_LABELS[s]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Target stance">
          {(id) => (
            <select id={id} value={person.targetStance ?? ''} onChange={(e) => update({ targetStance: e.target.value ? (e.target.value as Stance) : undefined })} title="Where you need them to be">
              <option value="">—</option>
              {TARGET_STANCES.map((s) => (
                <option key={s} value={s}>
                  {STANCE_LABELS[s]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <StanceHistory doc={doc} person={person} />
      <TagsField person={person} onChange={(tags) => update({ tags })} />
      <Field label="Notes" limitMessage={limits.messageFor('notes')}>
        {(id) => <textarea id={id} rows={4} value={person.notes} onChange={(e) => update({ notes: limits.accept('notes', 'notes', e.target.value) })} />}
      </Field>
      <ContactFields person={person} />
      {!isMe && <RelationshipSection doc={doc} person={person} />}
      <PersonInsights person={person} />
      <AddTie doc={doc} person={person} />
      <div className="field field--check">
        <label>
          <input type="checkbox" checked={isMe} onChange={(e) => store.getState().setMe(e.target.checked ? person.id : null)} /> This is me
        </label>
      </div>
      <div className="inspector__actions">
        <button type="button" className="button" onClick={() => whatIfStore.getState().start(person.id)}>
          What if {displayName(person)} leaves…
        </button>
        <button type="button" className="button button--danger" onClick={() => store.getState().deleteSelection()}>
          Delete person
        </button>
      </div>
    </div>
  );
}

/** "Unknown" is not somewhere a user needs anyone to be. */
const TARGET_STANCES = STANCES.filter((s) => s !== 'unknown');

/** The person's stance over time and, with a target, how far they still are from it. */
function StanceHistory({ doc, person }: { doc: MapDocument; person: Stakeholder }) {
  const timeline = useStanceTimeline(doc, person.id);
  const text = stanceHistoryText(timeline);
  const gap = stanceGap(person.stance, person.targetStance);
  const target = person.targetStance;
  let gapText: string | null = null;
  if (target && target !== person.stance) {
    gapText = gap === null ? `Not yet where you need them (${STANCE_LABELS[target]}).` : `Not yet where you need them: ${countOf(Math.abs(gap), 'step')} ${gap > 0 ? 'short of' : 'away from'} ${STANCE_LABELS[target]}.`;
  } else if (target) gapText = 'Where you need them.';
  if (!text && !gapText) return null;
  return (
    <div className="stance-history">
      {gapText && <p className="field__hint">{gapText}</p>}
      {text && <p className="field__hint stance-history__line">Stance history: {text}</p>}
    </div>
  );
}

/** E-mails, phone, company and LinkedIn URL: optional, kept to their limits, empty means absent. */
function ContactFields({ person }: { person: Stakeholder }) {
  const { store } = useServices();
  const limits = useTextLimits();
  const update = (patch: Partial<Stakeholder>) => store.getState().updateStakeholder(person.id, patch);
  // "Other e-mails" is edited as text (one per line) and stored as a list when the field is left.
  const [others, setOthers] = useState((person.otherEmails ?? []).join('\n'));
  const commitOthers = () => {
    const next = withContact(person, { otherEmails: others });
    if ((next.otherEmails ?? []).join('\n') !== (person.otherEmails ?? []).join('\n')) update({ otherEmails: next.otherEmails });
    setOthers((next.otherEmails ?? []).join('\n'));
  };
  const single = (key: 'phone' | 'company' | 'linkedinUrl', value: string) => update({ [key]: value === '' ? undefined : value });
  return (
    <fieldset className="inspector__group" aria-label="Contact">
      <legend className="insights__title">Contact</legend>
      <Field label="E-mail" limitMessage={limits.messageFor('email')}>
        {(id) => <input id={id} type="email" value={person.email} onChange={(e) => update({ email: limits.accept('email', 'email', e.target.value) })} autoComplete="off" />}
      </Field>
      <Field label="Other e-mails" hint="One per line.">
        {(id) => <textarea id={id} rows={Math.min(4, Math.max(1, others.split('\n').length))} value={others} onChange={(e) => setOthers(e.target.value)} onBlur={commitOthers} />}
      </Field>
      <Field label="Phone" limitMessage={limits.messageFor('phone')}>
        {(id) => <input id={id} type="tel" value={person.phone ?? ''} onChange={(e) => single('phone', limits.accept('phone', 'phone', e.target.value))} autoComplete="off" />}
      </Field>
      <Field label="Company" limitMessage={limits.messageFor('company')}>
        {(id) => <input id={id} value={person.company ?? ''} onChange={(e) => single('company', limits.accept('company', 'company', e.target.value))} autoComplete="off" />}
      </Field>
      <Field label="LinkedIn URL" limitMessage={limits.messageFor('linkedinUrl')}>
        {(id) => <input id={id} type="url" value={person.linkedinUrl ?? ''} onChange={(e) => single('linkedinUrl', limits.accept('linkedinUrl', 'url', e.target.value))} autoComplete="off" placeholder="https://www.linkedin.com/in/…" />}
      </Field>
    </fieldset>
  );
}

const EXPLANATION_ORDER: MetricKey[] = ['seniorLeader', 'betweenness', 'keyPersonRisk', 'leadersAdvised', 'hiddenInfluence', 'pagerank', 'degree', 'brokerage', 'constraint', 'effectiveSize', 'closeness', 'cluster'];

/** One plain sentence per metric, so every number on screen can be explained. */
function PersonInsights({ person }: { person: Stakeholder }) {
  const explanations = useEditor((s) => s.analysis?.explanations[person.id]);
  const updating = useEditor((s) => s.analysisState === 'updating');
  if (!explanations) return null;
  return (
    <section className="person-insights" aria-label="What the map says">
      <h3 className="insights__title">What the map says{updating ? ' (updating…)' : ''}</h3>
      <ul>
        {EXPLANATION_ORDER.filter((k) => explanations[k]).map((k) => (
          <li key={k}>{explanations[k]}</li>
        ))}
      </ul>
    </section>
  );
}

/** Drawing a tie without a mouse: pick the other person and the kind. */
function AddTie({ doc, person }: { doc: MapDocument; person: Stakeholder }) {
  const { store } = useServices();
  const tieKind = useEditor((s) => s.tieKind);
  const [target, setTarget] = useState('');
  const box = useRef<HTMLFieldSetElement>(null);
  const others = useMemo(() => peopleByName(doc.stakeholders).filter((s) => s.id !== person.id), [doc.stakeholders, person.id]);
  if (others.length === 0) return null;
  return (
    <fieldset className="add-tie" ref={box}>
      <legend>Add a tie from {displayName(person)}</legend>
      <div className="add-tie__row">
        <select aria-label="Tie kind" value={isKnownKind(doc.map.settings, tieKind) ? tieKind : 'influence'} onChange={(e) => store.getState().setTieKind(e.target.value)}>
          <TieKindOptions settings={doc.map.settings} />
        </select>
        <PersonPicker label="Tie to" people={others} value={target} onChange={setTarget} emptyLabel="Choose a person…" />
      </div>
      <button
        type="button"
        className="button"
        disabled={!target}
        onClick={() => {
          const state = store.getState();
          if (!state.connect(person.id, target)) return;
          // Stay with this person, ready for the next tie: drawing selects the new tie, which
          // would swap this panel away and drop the keyboard's focus on the page.
          const tie = store.getState().doc?.ties[[...store.getState().selectedTies][0]];
          state.select([person.id]);
          setTarget('');
          box.current?.querySelector<HTMLElement>('[aria-label="Tie to"]')?.focus();
          if (tie) state.notify(`Added: ${tieSentence(tie, store.getState().doc!)}.`);
        }}
      >
        Add tie
      </button>
    </fieldset>
  );
}

const parseTags = (text: string) => [...new Set(text.split(',').map((t) => t.trim()).filter(Boolean))];

function TagsField({ person, onChange }: { person: Stakeholder; onChange: (tags: string[]) => void }) {
  // The text keeps what the user is typing (a trailing comma, say) while the tags list stays clean.
  const [draft, setDraft] = useState(person.tags.join(', '));
  const [seen, setSeen] = useState(person.tags);
  const limits = useTextLimits();
  if (seen !== person.tags) {
    setSeen(person.tags);
    if (parseTags(draft).join('\u0000') !== person.tags.join('\u0000')) setDraft(person.tags.join(', '));
  }
  return (
    <Field label="Tags" hint="Separate tags with commas." limitMessage={limits.messageFor('tags')}>
      {(id) => (
        <input
          id={id}
          value={draft}
          autoComplete="off"
          onChange={(e) => {
            setDraft(e.target.value);
            const parsed = parseTags(e.target.value);
            const longest = parsed.reduce((a, t) => (t.length > a.length ? t : a), '');
            limits.accept('tags', 'tag', longest);
            const tags = [...new Set(parsed.map((t) => cutText(t, TEXT_LIMITS.tag)))];
            if (tags.join('\u0000') !== person.tags.join('\u0000')) onChange(tags);
          }}
        />
      )}
    </Field>
  );
}

function TieInspector({ doc, tie }: { doc: MapDocument; tie: Tie }) {
  const { store } = useServices();
  const update = (patch: Partial<Tie>) => store.getState().updateTie(tie.id, patch);
  const limits = useTextLimits();
  const rules = kindDirection(doc.map.settings, tie.kind);
  const own = customKind(doc.map.settings, tie.kind);
  const from = displayName(doc.stakeholders[tie.source]);
  const to = displayName(doc.stakeholders[tie.target]);
  return (
    <div className="inspector__section">
      <h2 className="inspector__heading">Tie</h2>
      <p className="inspector__sentence" data-testid="tie-sentence">
        {tieSentence(tie, doc)}
      </p>
      <Field label="Kind">
        {(id) => (
          <select
            id={id}
            value={tie.kind}
            onChange={(e) => {
              const kind = e.target.value;
              update({ kind, mutual: kindDirection(doc.map.settings, kind).defaultMutual });
            }}
          >
            <TieKindOptions settings={doc.map.settings} />
          </select>
        )}
      </Field>
      <Field label="Strength">
        {(id) => (
          <select id={id} value={tie.strength} onChange={(e) => update({ strength: Number(e.target.value) as Strength })}>
            {([1, 2, 3] as const).map((n) => (
              <option key={n} value={n}>{`${n} – ${STRENGTH_LABELS[n]}`}</option>
            ))}
          </select>
        )}
      </Field>
      {own && <p className="inspector__sub">{`${TIE_MEANING_LABELS[own.meaning]} in the analysis (Map settings).`}</p>}
      <Field label="Direction" hint={rules.fixed ? (tie.kind === 'reports-to' ? 'A reporting line always points to the manager.' : own ? `A ${own.name.trim() || 'custom'} tie is always ${own.mutual ? 'mutual' : 'one-way'} (Map settings).` : 'Tension is always shown as mutual.') : undefined}>
        {(id) => (
          <select id={id} value={tie.mutual ? 'mutual' : 'one-way'} title={tie.mutual ? 'Mutual' : `One-way (${from} → ${to})`} disabled={rules.fixed} onChange={(e) => update({ mutual: e.target.value === 'mutual' })}>
            <option value="one-way">{`One-way (${from} → ${to})`}</option>
            <option value="mutual">Mutual</option>
          </select>
        )}
      </Field>
      <div className="inspector__actions">
        <button type="button" className="button" onClick={() => store.getState().swapTie(tie.id)} disabled={tie.mutual}>
          Swap direction
        </button>
      </div>
      <Field label={tie.kind === 'tension' ? 'Next step to repair it' : 'Note'} limitMessage={limits.messageFor('note')}>
        {(id) => <textarea id={id} rows={3} value={tie.note} onChange={(e) => update({ note: limits.accept('note', 'tieNote', e.target.value) })} />}
      </Field>
      <div className="inspector__actions">
        <button type="button" className="button button--danger" onClick={() => store.getState().deleteSelection()}>
          Delete tie
        </button>
      </div>
    </div>
  );
}

function SelectionSummary({ people, ties }: { people: number; ties: number }) {
  const { store } = useServices();
  const parts = [people ? countOf(people, 'person', 'people') : '', ties ? countOf(ties, 'tie') : ''].filter(Boolean);
  return (
    <div className="inspector__section">
      <h2 className="inspector__heading">{parts.join(' and ')} selected</h2>
      <p className="inspector__sub">Drag any selected card to move them together.</p>
      <div className="inspector__actions">
        {people > 0 && (
          <button type="button" className="button" onClick={() => store.getState().duplicateSelection()}>
            Duplicate
          </button>
        )}
        <button type="button" className="button button--danger" onClick={() => store.getState().deleteSelection()}>
          Delete selection
        </button>
      </div>
    </div>
  );
}

function MapInspector({ doc }: { doc: MapDocument }) {
  const { store } = useServices();
  const { settings, meId } = doc.map;
  // Everyone sorted by name (0.1 s at 50,000 people) only once the Me field is used.
  const total = entryCount(doc.stakeholders);
  const people = useMemo<PeopleSource>(() => ({ all: valuesOf(doc.stakeholders), sorted: () => peopleByName(doc.stakeholders) }), [doc.stakeholders]);
  const limits = useTextLimits();
  const setLevels = (levels: string[], leadershipLevel = settings.leadershipLevel) => {
    const cadenceDays = levels.map((_, i) => settings.cadenceDays[i] ?? settings.cadenceDays[settings.cadenceDays.length - 1] ?? 30);
    store.getState().updateSettings({ ...settings, levels, leadershipLevel: Math.min(leadershipLevel, levels.length - 1), cadenceDays });
  };
  const counts = `${countOf(total, 'person', 'people')}, ${countOf(entryCount(doc.ties), 'tie')}`;
  return (
    <div className="inspector__section">
      <h2 className="inspector__heading">Map settings</h2>
      <p className="inspector__sub">{counts}. Select a person or a tie to edit it.</p>
      <Field label="Me" hint="Mark yourself to see your network and introduction paths.">
        {(id) => <PersonPicker id={id} people={people} value={meId ?? ''} onChange={(next) => store.getState().setMe(next || null)} emptyLabel="Nobody" />}
      </Field>
      <fieldset className="levels">
        <legend>Seniority levels (most senior first)</legend>
        {settings.levels.map((level, i) => (
          <div className="levels__row" key={i}>
            <input
              aria-label={`Level ${i + 1} name`}
              value={level}
              onChange={(e) => {
                const name = limits.accept(`level:${i}`, 'levelName', e.target.value);
                setLevels(settings.levels.map((l, j) => (j === i ? name : l)));
              }}
            />
            <button
              type="button"
              className="button button--icon"
              aria-label={`Remove level ${level}`}
              disabled={settings.levels.length <= 1}
              onClick={() => store.getState().edit((d) => removeLevel(d, i))}
            >
              ×
            </button>
          </div>
        ))}
        <LimitNote message={settings.levels.map((_, i) => limits.messageFor(`level:${i}`)).find(Boolean) ?? null} />
        <button type="button" className="button" onClick={() => setLevels([...settings.levels, `Level ${settings.levels.length + 1}`])}>
          Add level
        </button>
      </fieldset>
      <Field label="Senior leadership" hint="People at this level or above count as senior leaders.">
        {(id) => (
          <select id={id} value={settings.leadershipLevel} onChange={(e) => setLevels(settings.levels, Number(e.target.value))}>
            {settings.levels.map((level, i) => (
              <option key={i} value={i}>
                {level} and above
              </option>
            ))}
          </select>
        )}
      </Field>
      <TieKindSettings doc={doc} />
      <LockSection />
    </div>
  );
}

