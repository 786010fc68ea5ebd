import { useCallback, useRef, useState, type DragEvent, type ReactNode } from 'react';
import { asNewMap, readMapJson } from '../io/map-file';
import { useServices } from '../state/context';

/** Import from the picker or a file dropped anywhere on the window. Always creates a new map. */
export function useImport(): {
  openPicker: () => void;
  fileInput: ReactNode;
  importDialog: ReactNode;
  onWindowDrop: (e: DragEvent) => void;
  onWindowDragOver: (e: DragEvent) => void;
} {
  const { store, workspace } = useServices();
  const inputRef = useRef<HTMLInputElement>(null);
  const [dialog] = useState<ReactNode>(null);

  const importFile = useCallback(
    async (file: File) => {
      const text = await file.text();
      const result = readMapJson(text);
      if (!result.ok) {
        store.getState().notify(`Could not import ${file.name}: ${result.error}`, 'error');
        return;
      }
      const id = await workspace.createMap(asNewMap(result.doc));
      if (id) store.getState().notify(`Imported "${result.doc.map.name}" as a new map.`);
    },
    [store, workspace],
  );

  const onFiles = useCallback((files: FileList | null) => {
    const file = files?.[0];
    if (file) void importFile(file);
  }, [importFile]);

  return {
    openPicker: () => inputRef.current?.click(),
    fileInput: (
      <input
        ref={inputRef}
        type="file"
        hidden
        aria-label="Import file"
        accept=".json,application/json"
        onChange={(e) => {
          onFiles(e.target.files);
          e.target.value = '';
        }}
      />
    ),
    importDialog: dialog,
    onWindowDrop: (e) => {
      if (e.dataTransfer.files.length === 0) return;
      e.preventDefault();
      onFiles(e.dataTransfer.files);
    },
    onWindowDragOver: (e) => {
      if (e.dataTransfer.types.includes('Files')) e.preventDefault();
    },
  };
}
