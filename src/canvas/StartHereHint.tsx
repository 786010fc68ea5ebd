import { useReactFlow, useStoreApi } from '@xyflow/react';
import { fitWholeMap } from './lod/viewport';
import { useMemo, useState } from 'react';
import { displayName } from '../domain/describe';
import type { Id } from '../domain/types';
import { useEditor } from '../state/context';
import { neighbourhood } from './opening-view';
import { entryCount } from '../domain/records';

/**
 * Shown when a map opened on one person's neighbourhood instead of the whole (unreadably small)
 * map: says where the view starts and offers the whole map. Dismissed by either button.
 */
export function StartHereHint({ focusId, isMe }: { focusId: Id; isMe: boolean }) {
  const doc = useEditor((s) => s.doc);
  const [open, setOpen] = useState(true);
  const flow = useReactFlow();
  const flowStore = useStoreApi();
  const contacts = useMemo(() => (doc ? neighbourhood(doc, focusId).size - 1 : 0), [doc, focusId]);
  if (!open || !doc?.stakeholders[focusId]) return null;
  const total = entryCount(doc.stakeholders);
  const who = isMe ? 'You' : `${displayName(doc.stakeholders[focusId])}, the best-connected person,`;
  const people = `${contacts.toLocaleString('en')} ${contacts === 1 ? 'person' : 'people'}`;
  return (
    <div className="start-here" role="note" aria-label="Start here">
      <p className="start-here__text">
        <strong>Start here.</strong> {who} and the {people} {isMe ? 'you have' : 'they have'} ties with. The map has {total.toLocaleString('en')} people.
      </p>
      <div className="start-here__actions">
        <button
          type="button"
          className="button button--small button--primary"
          onClick={() => {
            setOpen(false);
            fitWholeMap(flow, flowStore.getState(), doc, { padding: 0.2, duration: 250 });
          }}
        >
          Show the whole map
        </button>
        <button type="button" className="button button--small button--quiet" aria-label="Dismiss the start-here hint" onClick={() => setOpen(false)}>
          ✕
        </button>
      </div>
    </div>
  );
}
