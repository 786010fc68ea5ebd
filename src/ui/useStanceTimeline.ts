import { useEffect, useMemo, useState } from 'react';
import { localDate } from '../domain/nurture';
import { stanceTimeline, type DatedStanceChange, type DatedVersion } from '../domain/stance-history';
import type { Id, MapDocument } from '../domain/types';
import { useServices } from '../state/context';
import type { Workspace } from '../state/workspace';

// Snapshots never change once taken: each is read once per page (by id), whoever asks next.
const loaded = new Map<Id, Promise<DatedVersion | null>>();

async function snapshotVersions(workspace: Workspace, mapId: Id): Promise<DatedVersion[]> {
  const list = await workspace.listSnapshots(mapId);
  const versions = await Promise.all(
    list.map((s) => {
      let version = loaded.get(s.id);
      if (!version) {
        version = workspace
          .loadSnapshot(s.id)
          .then((r) => (r.ok ? { date: localDate(new Date(s.createdAt)), doc: r.doc } : null))
          // A snapshot that cannot be read (locked elsewhere, damaged) just adds nothing.
          .catch(() => null);
        loaded.set(s.id, version);
      }
      return version;
    }),
  );
  return versions.filter((v): v is DatedVersion => v !== null);
}

/**
 * A person's stance changes: read from the map's version history (for changes made before edits
 * were recorded) and from the person's recorded edits. The recorded part shows at once; the
 * snapshots' part joins when they are read.
 */
export function useStanceTimeline(doc: MapDocument, personId: Id): DatedStanceChange[] {
  const { workspace } = useServices();
  const mapId = doc.map.id;
  const [versions, setVersions] = useState<{ mapId: Id; list: DatedVersion[] } | null>(null);
  useEffect(() => {
    let live = true;
    snapshotVersions(workspace, mapId)
      .then((list) => live && setVersions({ mapId, list }))
      .catch(() => live && setVersions({ mapId, list: [] }));
    return () => {
      live = false;
    };
  }, [workspace, mapId]);
  const person = doc.stakeholders[personId];
  const list = versions?.mapId === mapId ? versions.list : null;
  // Only this person's stance and history matter, not every edit of the map.
  return useMemo(() => (list && person ? stanceTimeline(doc, personId, list) : person ? stanceTimeline(doc, personId, []) : []),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [list, personId, person?.stance, person?.stanceHistory, person?.name]);
}
