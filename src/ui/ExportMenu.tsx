import { useServices } from '../state/context';
import { downloadMapJson } from './download';
import { MenuButton, type MenuItem } from './Header';

export function ExportMenu() {
  const { store } = useServices();
  const withDoc = (fn: (doc: NonNullable<ReturnType<typeof store.getState>['doc']>) => void) => () => {
    const doc = store.getState().doc;
    if (doc) fn(doc);
  };
  const items: MenuItem[] = [{ label: 'JSON', onSelect: withDoc(downloadMapJson) }];
  return <MenuButton label="Export" items={items} />;
}
