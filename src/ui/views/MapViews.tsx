import { useReactFlow } from '@xyflow/react';
import { useEffect, useLayoutEffect, useRef } from 'react';
import { AltViewCanvas } from '../../canvas/AltViewCanvas';
import { MapCanvas } from '../../canvas/MapCanvas';
import { useEditor, useServices } from '../../state/context';
import type { MapView } from '../../state/store';
import { NodeContextMenu } from '../nurture/NodeContextMenu';
import { SearchDialog } from '../search/SearchDialog';
import { ViewBar } from './ViewBar';

const onNetworkCanvas = (view: MapView) => view === 'network' || view === 'focus';

/**
 * The canvas area: the View control, the active filters, and the view itself. Network and Focus
 * share the free canvas; the grid and "Me at the centre" are separate canvases whose layouts never
 * touch the network positions.
 */
export function MapViews({ colorMode }: { colorMode: 'light' | 'dark' }) {
  const { store } = useServices();
  const view = useEditor((s) => s.view);
  const searchOpen = useEditor((s) => s.searchOpen);
  const flow = useReactFlow();

  useEffect(
    () =>
      store.subscribe((state, prev) => {
        // Leaving the network canvas: remember its viewport so coming back lands where the user was.
        if (onNetworkCanvas(prev.view) && !onNetworkCanvas(state.view)) store.setState({ initialViewport: flow.getViewport() });
        // In Focus, selecting one person focuses on them.
        if (state.view === 'focus' && state.selectedNodes !== prev.selectedNodes && state.selectedNodes.size === 1) {
          const [id] = state.selectedNodes;
          if (id !== state.focusId) state.setFocus({ id });
        }
      }),
    [store, flow],
  );

  // The grid and ego canvases start below the View bar (it wraps on narrow screens), so it never
  // covers their labels: its height is given to CSS as --viewbar-height.
  const viewsRef = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const root = viewsRef.current;
    const bar = root?.querySelector<HTMLElement>(':scope > .viewbar');
    if (!root || !bar || typeof ResizeObserver === 'undefined') return;
    const update = () => root.style.setProperty('--viewbar-height', `${bar.offsetHeight}px`);
    // Not read here as well: reading a height in this effect forces the layout of the page just
    // rendered (27 ms of an opening 50,000-person map's render); the observer's first call comes
    // after the browser's own layout and before that frame is painted.
    const observer = new ResizeObserver(update);
    observer.observe(bar);
    return () => observer.disconnect();
  }, []);

  return (
    <div className="views" ref={viewsRef}>
      <ViewBar />
      {onNetworkCanvas(view) ? <MapCanvas colorMode={colorMode} /> : <AltViewCanvas key={view} mode={view as 'grid' | 'ego'} colorMode={colorMode} />}
      {searchOpen && <SearchDialog />}
      <NodeContextMenu />
    </div>
  );
}
