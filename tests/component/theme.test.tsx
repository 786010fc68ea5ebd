import { act, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { PALETTE, cssVariables } from '../../src/io/palette';
import { Legend } from '../../src/ui/Sidebar';
import { useTheme } from '../../src/ui/theme';
import { makeServices, teamDoc } from './helpers';

function ThemeSwitch() {
  const { resolved, setChoice } = useTheme();
  return (
    <button type="button" onClick={() => setChoice(resolved === 'dark' ? 'light' : 'dark')}>
      {resolved}
    </button>
  );
}

describe('the page takes its colours from the palette', () => {
  afterEach(() => localStorage.clear());

  it("sets every palette colour on <html> for the chosen theme, and switches them with it", () => {
    localStorage.setItem('influence-map:theme', 'light');
    render(<ThemeSwitch />);
    const root = document.documentElement;
    expect(root.dataset.theme).toBe('light');
    for (const [name, value] of Object.entries(cssVariables(PALETTE.light))) expect(root.style.getPropertyValue(name), name).toBe(value);
    expect(root.style.getPropertyValue('--stance-supporter')).toBe('#0d9488');
    act(() => screen.getByRole('button').click());
    expect(root.dataset.theme).toBe('dark');
    for (const [name, value] of Object.entries(cssVariables(PALETTE.dark))) expect(root.style.getPropertyValue(name), name).toBe(value);
  });

  it('the legend draws each tie kind in its usual direction by the one arrowhead rule, in the kind\'s colour and dash', () => {
    const { renderUi, dispose } = makeServices(teamDoc());
    renderUi(<Legend />);
    const legend = screen.getByRole('region', { name: 'Legend' });
    const symbols = [...legend.querySelectorAll('svg.tie-symbol')];
    expect(symbols.map((s) => [s.getAttribute('class'), s.querySelectorAll('path').length])).toEqual([
      ['tie-symbol tie--influence', 1],
      ['tie-symbol tie--trust', 0],
      ['tie-symbol tie--reports-to', 1],
      ['tie-symbol tie--tension', 0],
    ]);
    expect(symbols.map((s) => s.querySelector('line')!.getAttribute('stroke-dasharray'))).toEqual([null, '6 4', null, '2 3']);
    expect(symbols.every((s, i) => s.querySelector('line')!.getAttribute('stroke') === `var(--tie-${['influence', 'trust', 'reports-to', 'tension'][i]})`)).toBe(true);
    expect(legend).toHaveTextContent('mutual ties have none');
    dispose();
  });
});
