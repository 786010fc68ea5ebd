import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { Viewer } from '../../src/app/Viewer';
import { jsonForScriptBlock, openPayload } from '../../src/io/viewer-file';
import { createEditorStore } from '../../src/state/store';
import { teamDoc } from './helpers';

// The exported page renders the app's shared components over a workspace that keeps nothing;
// a component that starts asking the workspace for something new must not break that page.
describe('the interactive HTML viewer', () => {
  it('opens the embedded map view only, with its people on the canvas and the side panel', async () => {
    const store = createEditorStore();
    render(<Viewer store={store} dataText={jsonForScriptBlock(openPayload(teamDoc('Shared team'), false))} />);
    const banner = screen.getByRole('banner');
    expect(await within(banner).findByText('Shared team')).toBeInTheDocument();
    expect(within(banner).getByRole('status', { name: /View only/ })).toBeInTheDocument();
    expect(store.getState().readOnly).toBe(true);
    expect(Object.keys(store.getState().doc!.stakeholders)).toHaveLength(3);
    expect(await screen.findAllByText('Priya')).not.toHaveLength(0);
  });

  it('has a Legend tab, since the page has no sidebar; selecting someone shows their details again', async () => {
    const store = createEditorStore();
    const user = userEvent.setup();
    render(<Viewer store={store} dataText={jsonForScriptBlock(openPayload(teamDoc(), false))} />);
    await user.click(await screen.findByRole('tab', { name: 'Legend' }));
    const legend = screen.getByRole('region', { name: 'Legend' });
    expect(within(legend).getByText('Champion')).toBeInTheDocument();
    expect(within(legend).getByText(/sways their/)).toBeInTheDocument();
    act(() => store.getState().select(['priya']));
    expect(await screen.findByRole('tab', { name: 'Details', selected: true })).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Legend' })).toBeNull();
  });

  it('says plainly when the page holds no map', async () => {
    render(<Viewer store={createEditorStore()} dataText="null" />);
    expect(await screen.findByText(/This page holds no map/)).toBeInTheDocument();
  });
});
