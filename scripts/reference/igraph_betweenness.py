#!/usr/bin/python3
"""Times igraph's betweenness on the graph the analysis benchmark generated, as the speed reference.

    npx vitest bench --run bench/analysis.bench.ts     # writes /tmp/influence-map-bench-<size>.json
    /usr/bin/python3 scripts/reference/igraph_betweenness.py [2000]

The file holds the informal network as directed arcs [source, target, distance] (distance =
6/strength, see DISTANCE_UNITS) and our normalised betweenness, which is checked against igraph's.
"""
import json
import sys
import time

import igraph

size = sys.argv[1] if len(sys.argv) > 1 else '2000'
with open('/tmp/influence-map-bench-%s.json' % size) as f:
    data = json.load(f)
n = data['n']
g = igraph.Graph(n=n, edges=[(a, b) for a, b, _ in data['edges']], directed=True)
weights = [w for _, _, w in data['edges']]
scale = 1.0 / ((n - 1) * (n - 2))


def timed(label, fn, repeat=3):
    best = float('inf')
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t)
    print('%-36s %8.1f ms' % (label, best * 1000))
    return result, best


weighted, tw = timed('igraph betweenness weighted', lambda: g.betweenness(directed=True, weights=weights))
unweighted, tu = timed('igraph betweenness unweighted', lambda: g.betweenness(directed=True))
print('%-36s %8.1f ms' % ('igraph both', (tw + tu) * 1000))
dw = max(abs(a * scale - b) for a, b in zip(weighted, data['betweenness']))
du = max(abs(a * scale - b) for a, b in zip(unweighted, data['betweenness_unweighted']))
print('people %d, ties %d, arcs %d; max |difference| to ours: weighted %.2e, unweighted %.2e' % (n, data['ties'], len(weights), dw, du))
