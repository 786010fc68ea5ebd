/**
 * Team maps in the header: the "Share" button and dialog (links with Copy buttons, who is here,
 * the name others see), the connection status, and avatars of who is here.
 */
import { useState } from 'react';
import { useEditor, useServices } from '../../state/context';
import { REPLACED_MESSAGE, teamFor, useTeam, type Peer } from '../../state/team';
import { PALETTE } from '../../io/palette';
import { Dialog } from '../Dialog';
import { DialogActions, FormError } from '../DialogActions';

const STATUS_TEXT = {
  off: '',
  connecting: 'Connecting…',
  online: 'Connected',
  offline: 'Offline: changes are kept here',
  refused: 'Not allowed by the server',
} as const;

/** The owner's "Rotate key": asks first, since every current link stops working. */
function RotateKey() {
  const { workspace } = useServices();
  const team = teamFor(workspace);
  const status = useTeam((s) => s.status);
  const [step, setStep] = useState<'idle' | 'confirm' | 'busy' | 'done'>('idle');
  const [error, setError] = useState<string | null>(null);
  const rotate = async () => {
    setStep('busy');
    setError(null);
    try {
      await team.rotateKey();
      setStep('done');
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setStep('confirm');
    }
  };
  const offline = status !== 'online';
  return (
    <div className="team__rotate">
      <h3 className="team__subtitle">Key</h3>
      {step === 'done' && (
        <p className="team__hint" role="status">
          New links are ready above; the old links no longer open the map. Send the new links to the people who should keep access.
        </p>
      )}
      {(step === 'idle' || step === 'done') && (
        <button type="button" className="button" disabled={offline} title={offline ? 'Rotating the key needs a connection to the team server' : undefined} onClick={() => setStep('confirm')}>
          Rotate key…
        </button>
      )}
      {(step === 'confirm' || step === 'busy') && (
        <>
          <p className="team__hint">
            Rotating the key makes new links and encrypts the map again with a new key. Every current link stops working, for everyone: send the new links to the people who should
            keep access.
          </p>
          {error && (
            <p className="team__error" role="alert">
              {error}
            </p>
          )}
          <div className="dialog__actions">
            <button type="button" className="button" disabled={step === 'busy'} onClick={() => setStep('idle')}>
              Cancel
            </button>
            <button type="button" className="button button--danger" disabled={step === 'busy' || offline} onClick={() => void rotate()}>
              {step === 'busy' ? 'Rotating…' : 'Rotate key'}
            </button>
          </div>
        </>
      )}
    </div>
  );
}

/** A member whose link was replaced: the map stays here read-only, or becomes a private map. */
function Replaced({ mapId }: { mapId: string }) {
  const { workspace } = useServices();
  const team = teamFor(workspace);
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <p className="team__error" role="alert">
        {REPLACED_MESSAGE}
      </p>
      <p className="team__hint">Your copy stays on this device, read-only. You can keep it as a private map: it will no longer sync, and you can change it again.</p>
      {error && <p className="team__error">{error}</p>}
      <div className="dialog__actions">
        <button type="button" className="button" onClick={() => void team.keepAsPrivate(mapId).catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)))}>
          Keep as a private map
        </button>
      </div>
    </>
  );
}

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? '?') + (parts.length > 1 ? parts[parts.length - 1][0] : '')).toUpperCase();
}

function Avatar({ peer }: { peer: Peer }) {
  const label = `${peer.name || 'Someone'}${peer.self ? ' (you)' : ''}`;
  return (
    <span className="team__avatar" style={{ background: peer.colour, color: PALETTE.light.accentText }} title={label} role="img" aria-label={label}>
      {initials(peer.name || 'Someone')}
    </span>
  );
}

function CopyField({ label, value }: { label: string; value: string }) {
  const [copied, setCopied] = useState(false);
  const id = `team-${label.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <div className="field team__link">
      <label htmlFor={id}>{label}</label>
      <div className="team__link-row">
        <input id={id} className="input" readOnly value={value} onFocus={(e) => e.target.select()} />
        <button
          type="button"
          className="button"
          aria-label={`Copy ${label.toLowerCase()}`}
          onClick={() => {
            void navigator.clipboard?.writeText(value).then(
              () => setCopied(true),
              () => setCopied(false),
            );
          }}
        >
          {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
    </div>
  );
}

function ShareDialog({ onClose }: { onClose: () => void }) {
  const { workspace } = useServices();
  const team = teamFor(workspace);
  const share = useTeam((s) => s.share);
  const links = useTeam((s) => s.links);
  const peers = useTeam((s) => s.peers);
  const memberName = useTeam((s) => s.memberName);
  const status = useTeam((s) => s.status);
  const replaced = useTeam((s) => s.replaced);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const share_ = async () => {
    setBusy(true);
    setError(null);
    try {
      await team.shareOpenMap();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog title={share ? 'Shared map' : 'Share this map'} onClose={onClose} className="team__dialog">
      <div className="field">
        <label htmlFor="team-member-name">Your name</label>
        <input id="team-member-name" className="input" value={memberName} maxLength={40} placeholder="How the others see you" onChange={(e) => void team.setMemberName(e.target.value)} />
      </div>
      {!share ? (
        <>
          <p>
            Everyone with the invite link can edit this map with you, live and offline. Values are encrypted in this browser before they leave it; the key is in the link, after the
            “#”, which browsers never send to a server. The server sees only record ids, sizes and timing.
          </p>
          {error && <FormError>{error}</FormError>}
          <DialogActions onCancel={onClose}>
            <button type="button" className="button button--primary" disabled={busy} onClick={() => void share_()}>
              {busy ? 'Sharing…' : 'Share this map'}
            </button>
          </DialogActions>
        </>
      ) : replaced ? (
        <Replaced mapId={share.mapId} />
      ) : (
        <>
          {links?.invite && <CopyField label="Invite link" value={links.invite} />}
          {links && <CopyField label="View-only link" value={links.view} />}
          <p className="team__hint">
            {share.role === 'view' ? 'You can look at this map, not change it.' : 'Anyone with the invite link can edit; the view-only link lets people look and export a picture.'} Keep the links as private as the map.
          </p>
          <h3 className="team__subtitle">Here now</h3>
          {status !== 'online' ? (
            <p className="team__hint">{STATUS_TEXT[status]}</p>
          ) : (
            <ul className="team__people" aria-label="Here now">
              {peers.map((p) => (
                <li key={p.clientId}>
                  <Avatar peer={p} /> {p.name || 'Someone'}
                  {p.self ? ' (you)' : ''}
                </li>
              ))}
            </ul>
          )}
          {share.owner && share.role === 'edit' && share.ownerSecret && <RotateKey />}
        </>
      )}
    </Dialog>
  );
}

export function TeamControls() {
  const hasDoc = useEditor((s) => s.doc !== null);
  const status = useTeam((s) => s.status);
  const share = useTeam((s) => s.share);
  const peers = useTeam((s) => s.peers);
  const replaced = useTeam((s) => s.replaced);
  const [open, setOpen] = useState(false);
  if (!hasDoc) return null;
  return (
    <div className="team">
      {share && (
        <span className={`team__status team__status--${status}`} role="status" aria-live="polite" data-testid="team-status">
          <span className="team__dot" aria-hidden="true" />
          {replaced ? 'Link replaced: read-only' : STATUS_TEXT[status]}
          {share.role === 'view' && !replaced ? ' · view only' : ''}
        </span>
      )}
      {share && peers.length > 0 && (
        <span className="team__avatars" aria-label="Here now">
          {peers.slice(0, 5).map((p) => (
            <Avatar key={p.clientId} peer={p} />
          ))}
          {peers.length > 5 && <span className="team__more">+{(peers.length - 5).toLocaleString('en')}</span>}
        </span>
      )}
      <button type="button" className={share ? 'button' : 'button button--primary'} onClick={() => setOpen(true)}>
        Share
      </button>
      {open && <ShareDialog onClose={() => setOpen(false)} />}
    </div>
  );
}
