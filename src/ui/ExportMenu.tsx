import { useState } from 'react';
import { exportGexf } from '../io/gexf';
import { exportGraphml } from '../io/graphml';
import { fileBaseName } from '../io/map-file';
import type { MapDocument } from '../domain/types';
import { useServices } from '../state/context';
import { downloadMapJson, downloadText } from './download';
import { CsvExportDialog } from './export/CsvExportDialog';
import { ImageExportDialog } from './export/ImageExportDialog';
import { InteractiveHtmlDialog } from './export/InteractiveHtmlDialog';
import type { ImageFormat } from './export/ImageExportDialog';
import { MenuButton, type MenuItem } from './Header';
import { countOf } from '../domain/numbers';

type Open = { kind: 'image'; format: ImageFormat; doc: MapDocument } | { kind: 'csv'; doc: MapDocument } | { kind: 'html'; doc: MapDocument } | null;

/**
 * The "Export" menu. Files are named after the map. Other features add their own items
 * ("Metrics CSV", "Follow-ups (.ics)") through `extraItems`, shown after a separator-free tail
 * of this list.
 */
export function ExportMenu({ extraItems = [] }: { extraItems?: MenuItem[] }) {
  const { store, workspace } = useServices();
  const [open, setOpen] = useState<Open>(null);
  const withDoc = (fn: (doc: MapDocument) => void) => () => {
    const doc = store.getState().doc;
    if (doc) fn(doc);
  };
  const theme = typeof document !== 'undefined' && document.documentElement.dataset.theme === 'dark' ? 'dark' : 'white';

  const backUp = async () => {
    try {
      const backup = await workspace.backUpAll();
      const stamp = new Date().toISOString().slice(0, 10);
      downloadText(backup.text, `Influence Map backup ${stamp}.json`, 'application/json');
      const locked = backup.locked ? ` ${backup.locked === backup.maps ? (backup.locked === 1 ? 'It is locked and stays' : 'They are locked and stay') : `${backup.locked} locked ${backup.locked === 1 ? 'map stays' : 'maps stay'}`} encrypted in the file: restored, ${backup.locked === 1 ? 'it opens' : 'each opens'} only with ${backup.locked === 1 ? 'its' : 'its own'} passphrase.` : '';
      store.getState().notify(`Backed up ${countOf(backup.maps, 'map')} into one file.${locked}`);
    } catch (error) {
      store.getState().notify(`The backup could not be made: ${error instanceof Error ? error.message : String(error)}`, 'error');
    }
  };

  const items: MenuItem[] = [
    { label: 'PNG image', onSelect: withDoc((doc) => setOpen({ kind: 'image', format: 'png', doc })) },
    { label: 'SVG image', onSelect: withDoc((doc) => setOpen({ kind: 'image', format: 'svg', doc })) },
    { label: 'JSON', onSelect: withDoc(downloadMapJson) },
    { label: 'CSV', onSelect: withDoc((doc) => setOpen({ kind: 'csv', doc })) },
    { label: 'GraphML', onSelect: withDoc((doc) => downloadText(exportGraphml(doc), `${fileBaseName(doc.map.name)}.graphml`, 'application/graphml+xml')) },
    { label: 'GEXF', onSelect: withDoc((doc) => downloadText(exportGexf(doc), `${fileBaseName(doc.map.name)}.gexf`, 'application/gexf+xml')) },
    { label: 'Interactive HTML', onSelect: withDoc((doc) => setOpen({ kind: 'html', doc })) },
    { label: 'Back up all maps', onSelect: () => void backUp() },
    // ---- Items owned by other features go here: "Metrics CSV", "Follow-ups (.ics)". ----
    ...extraItems,
  ];
  return (
    <>
      <MenuButton label="Export" items={items} />
      {open?.kind === 'image' && (
        <ImageExportDialog
          doc={open.doc}
          format={open.format}
          initialBackground={theme}
          onClose={() => setOpen(null)}
          onDone={(note) => {
            setOpen(null);
            store.getState().notify(note ?? `Exported ${open.format.toUpperCase()} image.`);
          }}
        />
      )}
      {open?.kind === 'csv' && <CsvExportDialog doc={open.doc} onClose={() => setOpen(null)} />}
      {open?.kind === 'html' && (
        <InteractiveHtmlDialog
          doc={open.doc}
          onClose={() => setOpen(null)}
          onDone={(note) => {
            setOpen(null);
            store.getState().notify(note);
          }}
        />
      )}
    </>
  );
}
