/** Edge geometry: ties float between card borders instead of fixed handles. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Point {
  x: number;
  y: number;
}

export const centre = (b: Box): Point => ({ x: b.x + b.width / 2, y: b.y + b.height / 2 });

/** Where the line from the box's centre towards `towards` leaves the box. */
export function borderPoint(b: Box, towards: Point, gap = 0): Point {
  const c = centre(b);
  const dx = towards.x - c.x;
  const dy = towards.y - c.y;
  if (dx === 0 && dy === 0) return c;
  const hw = b.width / 2 + gap;
  const hh = b.height / 2 + gap;
  const scale = Math.min(hw / Math.abs(dx || 1e-9), hh / Math.abs(dy || 1e-9));
  return { x: c.x + dx * scale, y: c.y + dy * scale };
}

/**
 * A path between two boxes. Parallel ties between the same pair bow apart (lane offsets) so each
 * stays visible and clickable. Returns the SVG path and a label point.
 */
export function floatingPath(source: Box, target: Box, lane: number, lanes: number, bow = 0): { path: string; labelX: number; labelY: number } {
  const sc = centre(source);
  const tc = centre(target);
  // `bow` bends a lone tie around cards in its way (routing.ts); parallel ties fan out by lane.
  const offset = lanes > 1 ? (lane - (lanes - 1) / 2) * 26 + bow / 2 : bow / 2;
  if (offset === 0) {
    const a = borderPoint(source, tc, 2);
    const b = borderPoint(target, sc, 4);
    return { path: `M ${a.x},${a.y} L ${b.x},${b.y}`, labelX: (a.x + b.x) / 2, labelY: (a.y + b.y) / 2 };
  }
  // Offset perpendicular to the centre line, measured in a canonical direction so lanes do not swap.
  const flip = sc.x < tc.x || (sc.x === tc.x && sc.y < tc.y) ? 1 : -1;
  const dx = tc.x - sc.x;
  const dy = tc.y - sc.y;
  const len = Math.hypot(dx, dy) || 1;
  const nx = (-dy / len) * offset * flip;
  const ny = (dx / len) * offset * flip;
  const control = { x: (sc.x + tc.x) / 2 + nx * 2, y: (sc.y + tc.y) / 2 + ny * 2 };
  const a = borderPoint(source, control, 2);
  const b = borderPoint(target, control, 4);
  return {
    path: `M ${a.x},${a.y} Q ${control.x},${control.y} ${b.x},${b.y}`,
    labelX: 0.25 * a.x + 0.5 * control.x + 0.25 * b.x,
    labelY: 0.25 * a.y + 0.5 * control.y + 0.25 * b.y,
  };
}

/** Orthogonal org-chart connector: out of the report's top, into the manager's bottom. */
export function orthogonalPath(report: Box, manager: Box, elbow = 0.5): string {
  const rc = centre(report);
  const mc = centre(manager);
  if (manager.y + manager.height <= report.y) {
    const start = { x: rc.x, y: report.y };
    const end = { x: mc.x, y: manager.y + manager.height + 4 };
    const midY = start.y + (end.y - start.y) * elbow;
    return `M ${start.x},${start.y} L ${start.x},${midY} L ${end.x},${midY} L ${end.x},${end.y}`;
  }
  if (report.y + report.height <= manager.y) {
    const start = { x: rc.x, y: report.y + report.height };
    const end = { x: mc.x, y: manager.y - 4 };
    const midY = start.y + (end.y - start.y) * elbow;
    return `M ${start.x},${start.y} L ${start.x},${midY} L ${end.x},${midY} L ${end.x},${end.y}`;
  }
  // Side by side: leave and enter through the facing sides.
  const leftToRight = rc.x < mc.x;
  const start = { x: leftToRight ? report.x + report.width : report.x, y: rc.y };
  const end = { x: leftToRight ? manager.x - 4 : manager.x + manager.width + 4, y: mc.y };
  const midX = start.x + (end.x - start.x) * elbow;
  return `M ${start.x},${start.y} L ${midX},${start.y} L ${midX},${end.y} L ${end.x},${end.y}`;
}

/** The point halfway along a path of straight segments ("M x,y L x,y ..."), e.g. an orthogonal connector. */
export function polylineMidpoint(path: string): Point {
  const numbers = path.match(/-?\d+(?:\.\d+)?(?:e-?\d+)?/gi)?.map(Number) ?? [];
  const points: Point[] = [];
  for (let i = 0; i + 1 < numbers.length; i += 2) points.push({ x: numbers[i], y: numbers[i + 1] });
  if (points.length === 0) return { x: 0, y: 0 };
  let total = 0;
  for (let i = 1; i < points.length; i++) total += Math.hypot(points[i].x - points[i - 1].x, points[i].y - points[i - 1].y);
  let left = total / 2;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1];
    const b = points[i];
    const len = Math.hypot(b.x - a.x, b.y - a.y);
    if (len >= left && len > 0) return { x: a.x + ((b.x - a.x) * left) / len, y: a.y + ((b.y - a.y) * left) / len };
    left -= len;
  }
  return points[points.length - 1];
}
