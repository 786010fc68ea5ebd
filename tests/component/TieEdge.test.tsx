import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { tieLook } from '../../src/io/palette';
import { TieRoutesContext } from '../../src/canvas/routes-context';
import { tie } from '../unit/helpers/docs';

// Two cards side by side, and the portal drawn in place: enough to render one edge on its own.
vi.mock('@xyflow/react', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@xyflow/react')>();
  const node = (x: number) => ({ internals: { positionAbsolute: { x, y: 0 } }, measured: { width: 150, height: 76 } });
  return {
    ...actual,
    useInternalNode: (id: string) => (id === 'a' ? node(0) : node(600)),
    ViewportPortal: ({ children }: { children: ReactNode }) => <>{children}</>,
  };
});

const { TieEdge } = await import('../../src/canvas/TieEdge');

function drawOver(kind: string, settings?: Parameters<typeof tieLook>[0]) {
  const t = tie('t1', 'a', 'b', kind as never);
  const data = { tie: t, ends: null, lane: 0, lanes: 1, faded: false, highlighted: false, look: tieLook(settings, t.kind) };
  const props = { id: 't1', source: 'a', target: 'b', data, selected: false } as unknown as Parameters<typeof TieEdge>[0];
  const { container } = render(
    <TieRoutesContext.Provider value={new Map([['t1', { bow: 0, over: true as const }]])}>
      <svg>
        <TieEdge {...props} />
      </svg>
    </TieRoutesContext.Provider>,
  );
  return { line: container.querySelector('g.tie') as SVGGElement, over: container.querySelector('svg.tie-over') as SVGSVGElement };
}

describe('a tie drawn again above the cards it crosses', () => {
  it("keeps a map's own kind's colour (the copy carries --tie-stroke, as the line does)", () => {
    const settings = { tieKinds: [{ id: 'mentor', name: 'Mentor', colour: 'violet', line: 'solid', meaning: 'influence' }] } as unknown as Parameters<typeof tieLook>[0];
    const { line, over } = drawOver('mentor', settings);
    expect(over).not.toBeNull();
    expect(line.style.getPropertyValue('--tie-stroke')).toBe('var(--tie-c-violet)');
    expect(over.style.getPropertyValue('--tie-stroke')).toBe('var(--tie-c-violet)');
    expect(over.classList.contains('tie--custom')).toBe(true);
  });

  it('a built-in kind needs no property: its class names the colour', () => {
    const { over } = drawOver('influence');
    expect(over.classList.contains('tie--influence')).toBe(true);
    expect(over.style.getPropertyValue('--tie-stroke')).toBe('');
  });
});
