import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ExportMenu } from '../../src/ui/ExportMenu';
import { useImport } from '../../src/ui/useImport';
import { makeServices, teamDoc } from './helpers';

// Downloads need Blob URLs and a real browser; here we only see what would be saved.
const downloads = vi.hoisted(() => [] as { name: string; type: string; text: string }[]);
vi.mock('../../src/ui/download', async (original) => ({
  ...(await original<typeof import('../../src/ui/download')>()),
  downloadText: (text: string, name: string, type: string) => downloads.push({ name, type, text }),
  downloadBlob: (_blob: Blob, name: string) => downloads.push({ name, type: 'blob', text: '' }),
}));

let dispose: (() => void) | null = null;
afterEach(() => {
  dispose?.();
  dispose = null;
  downloads.length = 0;
});

function ImportHarness() {
  const { fileInput, importDialog, openPicker } = useImport();
  return (
    <>
      <button type="button" onClick={openPicker}>
        Import…
      </button>
      {fileInput}
      {importDialog}
    </>
  );
}

function setup(withDoc = false) {
  const services = makeServices(withDoc ? teamDoc('Team') : undefined);
  dispose = services.dispose;
  if (!withDoc) services.renderUi(<ImportHarness />);
  return { ...services, user: userEvent.setup() };
}

const PEOPLE_CSV = ['Name,Title,Department,Email', 'Ada Lovelace,CTO,Engineering,ada@example.com', ',Engineer,Engineering,nobody@example.com', 'Grace Hopper,Engineer,Engineering,grace@example.com', 'Alan Turing,Engineer,Research,alan@example.com'].join('\n');

describe('Import', () => {
  it('a people CSV: preview with counts and the problem row, then a new map is stored and opened', async () => {
    const { user, store, repo } = setup();
    await user.upload(screen.getByLabelText('Import file'), new File([PEOPLE_CSV], 'Team list.csv', { type: 'text/csv' }));
    const dialog = await screen.findByRole('dialog', { name: /^Import/ });
    expect(dialog).toHaveTextContent('Team list.csv');
    expect(dialog).toHaveTextContent(/Import 3 people, skip 1 row with problems\?/);
    const problems = within(dialog).getByRole('list', { name: /Problems found/ });
    expect(problems).toHaveTextContent(/Row 3/);
    await user.click(within(dialog).getByRole('button', { name: /^Import$/ }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const doc = store.getState().doc!;
    expect(Object.values(doc.stakeholders).map((s) => s.name).sort()).toEqual(['Ada Lovelace', 'Alan Turing', 'Grace Hopper']);
    // Stored, and autosave attached: the next edit is saved too.
    await waitFor(async () => expect((await repo.listMaps()).map((m) => m.people)).toEqual([3]));
    await waitFor(() => expect(store.getState().save.state).toBe('saved'));
  });

  it('maps the columns of a people CSV as an org chart, with live counts and a preview', async () => {
    const { user, store } = setup();
    const csv = ['Full name,Job,Boss', 'Ada,CTO,', 'Grace,Engineer,Ada', 'Alan,Engineer,Ada', 'Edsger,Engineer,Nobody Here'].join('\n');
    await user.upload(screen.getByLabelText('Import file'), new File([csv], 'org.csv', { type: 'text/csv' }));
    let dialog = await screen.findByRole('dialog', { name: /^Import/ });
    if (within(dialog).queryByRole('button', { name: /Map columns/ })) await user.click(within(dialog).getByRole('button', { name: /Map columns/ }));
    dialog = await screen.findByRole('dialog', { name: 'Import org chart' });
    await user.selectOptions(within(dialog).getByLabelText('Name'), 'Full name');
    await user.selectOptions(within(dialog).getByLabelText('Title'), 'Job');
    await user.selectOptions(within(dialog).getByLabelText('Manager'), 'Boss');
    expect(within(dialog).getByRole('table', { name: 'Preview' })).toHaveTextContent('Grace');
    await waitFor(() => expect(dialog).toHaveTextContent('2 reports-to ties'));
    expect(within(dialog).getByRole('list', { name: /Problems found/ })).toHaveTextContent(/Nobody Here/);
    // Without a manager column there are no reporting lines.
    await user.selectOptions(within(dialog).getByLabelText('Manager'), '');
    await waitFor(() => expect(dialog).toHaveTextContent('Import 4 people'));
    expect(dialog).not.toHaveTextContent('reports-to');
    await user.selectOptions(within(dialog).getByLabelText('Manager'), 'Boss');
    await waitFor(() => expect(dialog).toHaveTextContent('2 reports-to ties'));
    await user.click(within(dialog).getByRole('button', { name: /^Import$/ }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull(), { timeout: 5000 });
    const doc = store.getState().doc!;
    const byName = Object.fromEntries(Object.values(doc.stakeholders).map((s) => [s.name, s]));
    expect(Object.values(doc.ties).filter((t) => t.kind === 'reports-to')).toHaveLength(2);
    expect(byName.Ada.y).toBeLessThan(byName.Grace.y);
  });

  it('a malformed file: the error says what is wrong and where, and nothing is created', async () => {
    const { user, repo, store } = setup();
    await user.upload(screen.getByLabelText('Import file'), new File(['<gexf>\n<graph>\n<nodes><node id="a"></nodes>\n</graph></gexf>'], 'broken.gexf'));
    const dialog = await screen.findByRole('dialog', { name: 'Could not import' });
    expect(within(dialog).getByRole('alert')).toHaveTextContent(/malformed at line 3/);
    expect(dialog).toHaveTextContent('Nothing was imported');
    await user.click(within(dialog).getByRole('button', { name: 'OK' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(await repo.listMaps()).toEqual([]);
    expect(store.getState().doc).toBeNull();
  });

  it('Cancel in the confirm dialog writes nothing', async () => {
    const { user, repo } = setup();
    await user.upload(screen.getByLabelText('Import file'), new File([PEOPLE_CSV], 'people.csv', { type: 'text/csv' }));
    const dialog = await screen.findByRole('dialog', { name: /^Import/ });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(await repo.listMaps()).toEqual([]);
  });
});

describe('Export menu', () => {
  it('PNG: density, background and redaction options, with the image size in pixels', async () => {
    const { user, renderUi } = setup(true);
    renderUi(<ExportMenu />);
    await user.click(screen.getByRole('button', { name: /^Export/ }));
    await user.click(screen.getByRole('menuitem', { name: 'PNG image' }));
    const dialog = await screen.findByRole('dialog', { name: 'Export PNG image' });
    const size = () => /([\d,]+) × ([\d,]+) pixels/.exec(dialog.textContent ?? '')!.slice(1).map((n) => Number(n.replace(/,/g, '')));
    expect(within(dialog).getByLabelText('2x')).toBeChecked();
    const [w2, h2] = size();
    await user.click(within(dialog).getByLabelText('1x'));
    expect(size()).toEqual([w2 / 2, h2 / 2]);
    await user.click(within(dialog).getByLabelText('Dark'));
    expect(within(dialog).getByLabelText('Dark')).toBeChecked();
    await user.click(within(dialog).getByRole('checkbox', { name: /Redacted/ }));
    expect(dialog).toHaveTextContent('Only the redacted map is embedded');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(downloads).toEqual([]);
  });

  it('PNG: when the browser cannot draw, the dialog says so and stays open', async () => {
    const { user, renderUi } = setup(true);
    const getContext = vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
    renderUi(<ExportMenu />);
    await user.click(screen.getByRole('button', { name: /^Export/ }));
    await user.click(screen.getByRole('menuitem', { name: 'PNG image' }));
    const dialog = await screen.findByRole('dialog', { name: 'Export PNG image' });
    await user.click(within(dialog).getByRole('button', { name: 'Export PNG' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('The image could not be made: This browser cannot draw images (no 2D canvas).');
    expect(within(dialog).getByRole('button', { name: 'Export PNG' })).toBeEnabled();
    expect(downloads).toEqual([]);
    getContext.mockRestore();
  });

  it('SVG: a redacted image with initials is downloaded under the map name', async () => {
    const { user, renderUi, store } = setup(true);
    renderUi(<ExportMenu />);
    await user.click(screen.getByRole('button', { name: /^Export/ }));
    await user.click(screen.getByRole('menuitem', { name: 'SVG image' }));
    const dialog = await screen.findByRole('dialog', { name: 'Export SVG image' });
    expect(within(dialog).queryByText('Pixel density')).toBeNull();
    await user.click(within(dialog).getByRole('checkbox', { name: /Redacted/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Export SVG' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(downloads).toHaveLength(1);
    expect(downloads[0].name).toBe('Team (redacted).svg');
    expect(downloads[0].text).toContain('>P<');
    expect(downloads[0].text).not.toContain('Priya');
    expect(store.getState().notice?.text).toBe('Exported SVG image.');
  });

  it('GEXF and GraphML are downloaded at once, named after the map', async () => {
    const { user, renderUi } = setup(true);
    renderUi(<ExportMenu />);
    await user.click(screen.getByRole('button', { name: /^Export/ }));
    await user.click(screen.getByRole('menuitem', { name: 'GEXF' }));
    await user.click(screen.getByRole('button', { name: /^Export/ }));
    await user.click(screen.getByRole('menuitem', { name: 'GraphML' }));
    expect(downloads.map((d) => d.name)).toEqual(['Team.gexf', 'Team.graphml']);
    expect(downloads[0].text).toContain('<gexf');
  });
});
