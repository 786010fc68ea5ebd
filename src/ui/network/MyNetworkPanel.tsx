import { BalancePanel } from './BalancePanel';
import { CatchUpsPanel, RepairList } from './CatchUpsPanel';

/** The "My network" side-panel tab: nurture (catch-ups, repairs) and the balance of my network. */
export function MyNetworkPanel() {
  return (
    <div className="insights my-network">
      <CatchUpsPanel />
      <BalancePanel />
      <RepairList />
    </div>
  );
}
