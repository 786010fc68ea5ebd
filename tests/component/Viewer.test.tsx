import { render, screen, within } from '@testing-library/react';
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

  it('says plainly when the page holds no map', async () => {
    render(<Viewer store={createEditorStore()} dataText="null" />);
    expect(await screen.findByText(/This page holds no map/)).toBeInTheDocument();
  });
});
