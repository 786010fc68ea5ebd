import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { OrgChartDialog } from '../../src/ui/import/ImportDialogs';
import type { OrgSession, OrgSummary } from '../../src/ui/import/org-session';

const headers = ['Employee ID', 'Name', 'Job Title', 'Department', 'Manager ID'];
const preview = {
  headers,
  rows: [{ line: 2, cells: { 'Employee ID': 'E0', Name: 'Ana', 'Job Title': 'CEO', Department: 'Exec', 'Manager ID': '' } }],
  problems: [],
};

function fakeSession(initial: OrgSummary, next: OrgSummary) {
  let answer!: (s: OrgSummary) => void;
  const summarise = vi.fn(() => new Promise<OrgSummary>((resolve) => (answer = resolve)));
  const session = { initial, summarise, commit: vi.fn(), close: vi.fn() } as unknown as OrgSession;
  return { session, summarise, answer: () => answer(next) };
}

describe('Import org chart dialog for a file held in the import worker', () => {
  it('shows the worker’s counts with separators, says it is counting after a change, and imports with the chosen columns', async () => {
    const user = userEvent.setup();
    const initial: OrgSummary = { rowCount: 50000, people: 50000, reportsTo: 49999, skipped: 0, problems: [], problemCount: 0 };
    const without: OrgSummary = { ...initial, reportsTo: 0 };
    const { session, summarise, answer } = fakeSession(initial, without);
    const onImport = vi.fn();
    render(<OrgChartDialog fileName="hr.csv" table={preview} mapName="hr" session={session} onImport={onImport} onCancel={() => undefined} />);
    expect(screen.getByText('hr.csv · 50,000 rows')).toBeInTheDocument();
    expect(screen.getByText('Import 50,000 people and 49,999 reports-to ties?')).toBeInTheDocument();

    await user.selectOptions(screen.getByLabelText('Manager'), '');
    expect(await screen.findByText('Counting…')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Import' })).toBeDisabled();
    expect(summarise).toHaveBeenLastCalledWith(expect.objectContaining({ manager: null }), 'hr');
    answer();
    expect(await screen.findByText('Import 50,000 people?')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Import' }));
    expect(onImport).toHaveBeenCalledWith(expect.objectContaining({ manager: null, key: 'Employee ID' }));
  }, 30_000);
});
