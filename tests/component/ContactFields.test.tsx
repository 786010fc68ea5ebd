import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { Inspector } from '../../src/ui/Inspector';
import { makeServices, teamDoc } from './helpers';

let dispose: (() => void) | null = null;
afterEach(() => {
  dispose?.();
  dispose = null;
});

function setup() {
  const services = makeServices(teamDoc());
  dispose = services.dispose;
  services.store.getState().select(['tom'], []);
  services.renderUi(<Inspector />);
  return { ...services, tom: () => services.store.getState().doc!.stakeholders.tom, user: userEvent.setup() };
}

describe('Contact fields in Details', () => {
  it('edits e-mail, other e-mails, phone, company and LinkedIn URL; an emptied field is removed', async () => {
    const { user, tom } = setup();
    const group = screen.getByRole('group', { name: 'Contact' });
    await user.type(within(group).getByLabelText('E-mail'), 't@a.io');
    await user.type(within(group).getByLabelText('Other e-mails'), 't@g.co{Enter}T@h.io{Enter}t@g.co');
    await user.tab();
    await user.type(within(group).getByLabelText('Phone'), '+1 555');
    await user.type(within(group).getByLabelText('Company'), 'Acme');
    await user.type(within(group).getByLabelText('LinkedIn URL'), 'https://li.example/in/t');
    expect(tom()).toMatchObject({ email: 't@a.io', otherEmails: ['t@g.co', 'T@h.io'], phone: '+1 555', company: 'Acme', linkedinUrl: 'https://li.example/in/t' });
    // The duplicate line was dropped from the field too.
    expect(within(group).getByLabelText('Other e-mails')).toHaveValue('t@g.co\nT@h.io');
    await user.clear(within(group).getByLabelText('Company'));
    expect(tom().company).toBeUndefined();
  }, 30_000);
});
