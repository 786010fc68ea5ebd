import { useEffect, useMemo, useState } from 'react';
import { createAnalysisClient, isAnalysisCancelled, type AnalysisClient } from '../analysis/client';
import { toAnalysisInput } from '../analysis/input';
import { introductionPaths } from '../analysis/paths';
import type { AnalysisInput, IntroductionResult } from '../analysis/types';
import { useEditor } from './context';
import { hasEntry } from '../domain/records';
import { useLiveRead } from '../storage/hooks';
import type { MapSummary } from '../storage/repository';
import { useServices } from './context';
import { sharedMapIds } from '../storage/shares';

/** The stored maps, kept current as they change in this tab or another. */
export function useMapSummaries(): MapSummary[] | undefined {
  const { workspace } = useServices();
  return useLiveRead(() => workspace.listMaps(), [workspace]);
}

/** Ids of the maps on this device that are shared maps (team maps). */
export function useSharedMapIds(): Set<string> | undefined {
  const { workspace } = useServices();
  return useLiveRead(() => sharedMapIds(workspace.repository.db), [workspace]);
}

/**
 * From this many people the paths are found in the analysis worker: one search took about
 * 130 ms at 500 people and 570 ms at 5,000 on this project's machines, too long for a click.
 */
export const PATHS_IN_WORKER_FROM = 300;

let pathsClient: AnalysisClient | null = null;
/** The newest request, shared by every component that shows the same paths (canvas, Insights). */
let lastRequest: { request: PathsRequest; promise: Promise<IntroductionResult> } | null = null;

interface PathsRequest {
  /** The document's records the input was made from (what makes two requests the same). */
  ties: object;
  people: object;
  input: AnalysisInput;
  meId: string;
  target: string;
}

function pathsInWorker(request: PathsRequest): Promise<IntroductionResult> {
  const last = lastRequest?.request;
  if (last && last.ties === request.ties && last.people === request.people && last.meId === request.meId && last.target === request.target) return lastRequest!.promise;
  pathsClient ??= createAnalysisClient();
  lastRequest = { request, promise: pathsClient.paths(request.input, request.meId, request.target) };
  return lastRequest.promise;
}

/**
 * The introduction paths from Me to the chosen person, computed on demand (one Dijkstra run):
 * here for a small map, in the analysis worker for a large one (null until the answer arrives).
 */
export function useIntroductionPaths(): IntroductionResult | null {
  const doc = useEditor((s) => s.doc);
  const target = useEditor((s) => s.pathTarget);
  const meId = doc?.map.meId ?? null;
  // Positions do not change paths: key the memo on the ties and people, not the whole document.
  const ties = doc?.ties;
  const people = doc?.stakeholders;
  const request = useMemo((): PathsRequest | null => {
    if (!doc || !meId || !target || !hasEntry(doc.stakeholders, target)) return null;
    return { ties: doc.ties, people: doc.stakeholders, input: toAnalysisInput(doc), meId, target };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ties, people, meId, target]);
  const large = request !== null && request.input.people.length >= PATHS_IN_WORKER_FROM;
  const here = useMemo(() => (request && !large ? introductionPaths(request.input, request.meId, request.target) : null), [request, large]);
  const [answer, setAnswer] = useState<{ request: typeof request; result: IntroductionResult } | null>(null);
  useEffect(() => {
    if (!request || !large) return;
    let live = true;
    pathsInWorker(request).then(
      (result) => live && setAnswer({ request, result }),
      (error: unknown) => {
        if (live && !isAnalysisCancelled(error)) setAnswer({ request, result: { fromId: request.meId, toId: request.target, paths: [], message: error instanceof Error ? error.message : String(error) } });
      },
    );
    return () => {
      live = false;
    };
  }, [request, large]);
  if (!large) return here;
  return answer && answer.request === request ? answer.result : null;
}
