import { BalancePanel } from './BalancePanel';
import { CatchUpsPanel, RepairList } from './CatchUpsPanel';
import { FadingTiesPanel } from './FadingTiesPanel';
import { TargetsPanel } from './TargetsPanel';

/** The "My network" side-panel tab: nurture (catch-ups, fading ties, repairs), the balance of my network, and who is not yet at their target stance. */
export function MyNetworkPanel() {
  return (
    <div className="insights my-network">
      <CatchUpsPanel />
      <FadingTiesPanel />
      <BalancePanel />
      <TargetsPanel />
      <RepairList />
    </div>
  );
}
