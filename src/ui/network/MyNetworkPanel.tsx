import { BalancePanel } from './BalancePanel';
import { CatchUpsPanel, RepairList } from './CatchUpsPanel';
import { FadingTiesPanel } from './FadingTiesPanel';

/** The "My network" side-panel tab: nurture (catch-ups, fading ties, repairs) and the balance of my network. */
export function MyNetworkPanel() {
  return (
    <div className="insights my-network">
      <CatchUpsPanel />
      <FadingTiesPanel />
      <BalancePanel />
      <RepairList />
    </div>
  );
}
