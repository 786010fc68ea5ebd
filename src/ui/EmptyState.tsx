import type { ReactNode } from 'react';

/** What a first-time user sees: what the app is for and the one step to take. */
export function EmptyState({ onNewMap, onImport, extra }: { onNewMap: () => void; onImport: () => void; extra?: ReactNode }) {
  return (
    <section className="empty" aria-labelledby="empty-title">
      <div className="empty__card">
        <svg className="empty__art" viewBox="0 0 120 80" aria-hidden="true">
          <path d="M30 22 L60 58 M90 20 L60 58 M30 22 L90 20" />
          <rect x="10" y="10" width="40" height="24" rx="6" />
          <rect x="70" y="8" width="40" height="24" rx="6" />
          <rect x="40" y="46" width="40" height="24" rx="6" />
        </svg>
        <h1 id="empty-title">Map the people around you</h1>
        <p>
          Add the stakeholders in your area, draw who influences and trusts whom, and see who the brokers are and who advises the
          senior leaders. Everything stays in this browser.
        </p>
        <div className="empty__actions">
          <button type="button" className="button button--primary" onClick={onNewMap}>
            New map
          </button>
          {extra}
          <button type="button" className="button" onClick={onImport}>
            Import a file
          </button>
        </div>
        <p className="empty__hint">Tip: in a map, drag a Stakeholder from the palette onto the canvas, or double-click the canvas.</p>
      </div>
    </section>
  );
}
