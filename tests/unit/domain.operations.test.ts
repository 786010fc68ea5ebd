import { describe, expect, it } from 'vitest';
import { createMapDocument } from '../../src/domain/factories';
import { addStakeholderAt, connect, removeElements } from '../../src/domain/operations';

describe('smoke', () => {
  it('removes a person with their ties', () => {
    let doc = createMapDocument('m');
    const a = addStakeholderAt(doc, { x: 0, y: 0 });
    const b = addStakeholderAt(a.doc, { x: 10, y: 0 });
    const r = connect(b.doc, a.id, b.id, 'influence');
    if (!r.ok) throw new Error(r.error);
    doc = removeElements(r.doc, [a.id]);
    expect(Object.keys(doc.ties)).toHaveLength(0);
  });
});
