#!/usr/bin/python3
"""Reference values for src/analysis, computed with NetworkX.

Run with Debian's interpreter (it has python3-networkx 2.8.8):

    /usr/bin/python3 scripts/reference/analysis_reference.py

Writes one JSON fixture per network to tests/fixtures/analysis/. Each fixture holds the network as an
AnalysisInput (people + ties, the shape src/analysis/input.ts produces) and the expected metrics per
person. The projections below mirror src/analysis/projections.ts on purpose, so the tests compare
the metric code, not two different readings of the map:

- informal network: influence + trust ties as arcs source -> target, mutual ties as two arcs,
  parallel arcs merged keeping the strongest; distance = 1/strength; tension and reports-to ignored.
- endorsement network (PageRank): influence ties only, reversed (target -> source: the influenced
  person "points at" whoever sways them), mutual ties both ways, weight = strength.
- closeness: harmonic, over hops, outgoing (how easily this person reaches others), divided by n-1.
- constraint / effective size: NetworkX's definitions on the informal network with weight = strength.
  NetworkX returns NaN for a node with predecessors but no successors (it tests len(G[v]) == 0,
  which only sees successors); we treat such a node as having neighbours and compute the same
  formula, see own_effective_size / own_constraint below. Isolated people get null.
- Gould-Fernandez brokerage: brute force over ordered triads a -> v -> c with no arc a -> c.
"""
import json
import math
import os
import random

import networkx as nx
from networkx.algorithms.structuralholes import local_constraint, normalized_mutual_weight

OUT = os.path.join(os.path.dirname(__file__), '..', '..', 'tests', 'fixtures', 'analysis')
ROLES = ['coordinator', 'itinerant', 'gatekeeper', 'representative', 'liaison']
PATH_KINDS = ('influence', 'trust')


def person(pid, name=None, department='', seniority=3):
    return {'id': str(pid), 'name': name or str(pid), 'department': department, 'seniority': seniority}


def tie(i, s, t, kind, strength=1, mutual=False):
    return {'id': 't%d' % i, 'source': str(s), 'target': str(t), 'kind': kind, 'strength': strength, 'mutual': mutual}


def informal_network(inp):
    g = nx.DiGraph()
    g.add_nodes_from(p['id'] for p in inp['people'])
    for t in inp['ties']:
        if t['kind'] not in PATH_KINDS or t['source'] == t['target']:
            continue
        arcs = [(t['source'], t['target'])]
        if t['mutual']:
            arcs.append((t['target'], t['source']))
        for a, b in arcs:
            w = max(t['strength'], g[a][b]['weight'] if g.has_edge(a, b) else 0)
            g.add_edge(a, b, weight=w, distance=1.0 / w, intdistance=6 // w)
    return g


def endorsement_network(inp):
    g = nx.DiGraph()
    g.add_nodes_from(p['id'] for p in inp['people'])
    for t in inp['ties']:
        if t['kind'] != 'influence' or t['source'] == t['target']:
            continue
        arcs = [(t['target'], t['source'])]
        if t['mutual']:
            arcs.append((t['source'], t['target']))
        for a, b in arcs:
            w = max(t['strength'], g[a][b]['weight'] if g.has_edge(a, b) else 0)
            g.add_edge(a, b, weight=w)
    return g


def own_constraint(g, v):
    return sum(local_constraint(g, v, n, weight='weight') for n in set(nx.all_neighbors(g, v)))


def own_effective_size(g, v):
    nmw = normalized_mutual_weight

    def redundancy(u, w):
        r = sum(nmw(g, u, x, weight='weight') * nmw(g, w, x, norm=max, weight='weight') for x in set(nx.all_neighbors(g, u)))
        return 1 - r

    return sum(redundancy(v, u) for u in set(nx.all_neighbors(g, v)))


def brokerage(g, dept):
    out = {}
    for v in g.nodes:
        counts = dict.fromkeys(ROLES, 0)
        for a in g.predecessors(v):
            for c in g.successors(v):
                if a == c or a == v or c == v or g.has_edge(a, c):
                    continue
                ga, gv, gc = dept[a], dept[v], dept[c]
                if ga == gv == gc:
                    counts['coordinator'] += 1
                elif ga == gc and ga != gv:
                    counts['itinerant'] += 1
                elif gv == gc and ga != gv:
                    counts['gatekeeper'] += 1
                elif ga == gv and gc != gv:
                    counts['representative'] += 1
                else:
                    counts['liaison'] += 1
        out[v] = counts
    return out


def expected(inp):
    g = informal_network(inp)
    n = g.number_of_nodes()
    dept = {p['id']: p['department'].strip().lower() for p in inp['people']}
    bw = nx.betweenness_centrality(g, weight='distance', normalized=True)
    bw_int = nx.betweenness_centrality(g, weight='intdistance', normalized=True)
    # 1/strength and 6/strength are the same metric (betweenness ignores scale), but with 1/strength
    # floating point can make two equally strong routes unequal (1/3+1/3+1/3 vs 1/2+1/2 summed in
    # another order), so NetworkX then misses a shortest path. The integer form is exact; it is what the
    # TypeScript code uses and what the fixtures hold. Report where the float form differs.
    differ = [v for v in bw if abs(bw[v] - bw_int[v]) > 1e-9]
    if differ:
        print('  note: 1/strength float ties differ from the exact form for %d people' % len(differ))
    bu = nx.betweenness_centrality(g, weight=None, normalized=True)
    harmonic = nx.harmonic_centrality(g.reverse(copy=True))
    e = endorsement_network(inp)
    pr = nx.pagerank(e, alpha=0.85, weight='weight', tol=1e-14, max_iter=100000) if n else {}
    con = nx.constraint(g, weight='weight')
    eff = nx.effective_size(g, weight='weight')
    bro = brokerage(g, dept)
    result = {}
    for v in g.nodes:
        neighbours = set(nx.all_neighbors(g, v))
        has = len(neighbours) > 0
        c = con[v]
        es = eff[v]
        if has and math.isnan(c):
            c = own_constraint(g, v)
        if has and math.isnan(es):
            es = own_effective_size(g, v)
        result[v] = {
            'degree': len(neighbours),
            'in_degree': g.in_degree(v),
            'out_degree': g.out_degree(v),
            'weighted_in_degree': g.in_degree(v, weight='weight'),
            'weighted_out_degree': g.out_degree(v, weight='weight'),
            'betweenness': bw_int[v],
            'betweenness_unweighted': bu[v],
            'pagerank': pr[v],
            'closeness': harmonic[v] / (n - 1) if n > 1 else 0.0,
            'constraint': c if has else None,
            'effective_size': es if has else None,
            'brokerage': bro[v],
        }
    return result


def write(name, description, inp):
    inp.setdefault('levels', ['Executive', 'Senior leader', 'Manager', 'Individual contributor'])
    inp.setdefault('leadershipLevel', 1)
    inp.setdefault('meId', None)
    data = {'name': name, 'description': description, 'input': inp, 'expected': expected(inp)}
    with open(os.path.join(OUT, name + '.json'), 'w') as f:
        json.dump(data, f, indent=1, sort_keys=True)
        f.write('\n')
    print('wrote', name, len(inp['people']), 'people', len(inp['ties']), 'ties')


def from_undirected(g, kind='trust', strength_of=lambda d: 1, department_of=lambda v: ''):
    people = [person(v, department=department_of(v)) for v in g.nodes]
    ties = [tie(i, a, b, kind, strength_of(d), True) for i, (a, b, d) in enumerate(g.edges(data=True))]
    return {'people': people, 'ties': ties}


def bin3(w, cuts):
    """Published weights -> strength 1-3 (the app's scale)."""
    return 1 if w <= cuts[0] else 2 if w <= cuts[1] else 3


def karate():
    g = nx.karate_club_graph()
    return from_undirected(g, strength_of=lambda d: bin3(d['weight'], (2, 4)), department_of=lambda v: g.nodes[v]['club'])


def florentine():
    return from_undirected(nx.florentine_families_graph(), kind='influence')


def davis():
    g = nx.davis_southern_women_graph()
    women = nx.bipartite.weighted_projected_graph(g, g.graph['top'])
    # Department: the woman's first event, a stand-in for a group attribute.
    first = {w: sorted(g[w])[0] for w in women.nodes}
    return from_undirected(women, strength_of=lambda d: bin3(d['weight'], (2, 4)), department_of=lambda v: first[v])


def lesmis():
    g = nx.les_miserables_graph()
    return from_undirected(g, strength_of=lambda d: bin3(d['weight'], (2, 5)))


def random_map(seed, n, p, departments):
    """A mixed map: every tie kind, one-way and mutual, parallel ties, departments."""
    rng = random.Random(seed)
    people = [person('p%d' % i, 'Person %d' % i, rng.choice(departments), rng.randrange(4)) for i in range(n)]
    ties = []
    kinds = ['influence', 'influence', 'trust', 'trust', 'reports-to', 'tension']
    for a in range(n):
        for b in range(n):
            if a != b and rng.random() < p:
                kind = rng.choice(kinds)
                mutual = kind == 'tension' or (kind == 'trust' and rng.random() < 0.7) or (kind == 'influence' and rng.random() < 0.1)
                ties.append(tie(len(ties), 'p%d' % a, 'p%d' % b, kind, rng.randint(1, 3), mutual))
    return {'people': people, 'ties': ties}


def roles_map():
    """Hand-made: one clean example of each Gould-Fernandez role around 'v'."""
    people = [person('v', 'Vera', 'Sales'), person('s1', 'Sam', 'Sales'), person('s2', 'Sue', 'Sales'),
              person('e1', 'Eli', 'Engineering'), person('e2', 'Eva', 'Engineering'), person('f1', 'Fay', 'Finance')]
    ties = [tie(0, 's1', 'v', 'influence', 3), tie(1, 'v', 's2', 'influence', 2),
            tie(2, 'e1', 'v', 'trust', 1), tie(3, 'v', 'e2', 'influence', 2),
            tie(4, 'v', 'f1', 'trust', 3, True), tie(5, 'e1', 'e2', 'tension', 2, True),
            tie(6, 's1', 's2', 'reports-to', 1), tie(7, 's1', 'v', 'trust', 1)]
    return {'people': people, 'ties': ties}


def parallel_map():
    """Hand-made: parallel and opposite ties between the same two people, a one-way chain, an isolate."""
    people = [person('a', 'Ana', 'Sales'), person('b', 'Ben', 'Sales'), person('c', 'Cho', 'Finance'),
              person('d', 'Dee', 'Finance'), person('z', 'Zoe', 'People')]
    ties = [tie(0, 'a', 'b', 'influence', 1), tie(1, 'a', 'b', 'trust', 3), tie(2, 'b', 'a', 'influence', 2),
            tie(3, 'b', 'c', 'influence', 2), tie(4, 'c', 'd', 'trust', 1, True), tie(5, 'a', 'd', 'tension', 3, True),
            tie(6, 'd', 'a', 'influence', 3)]
    return {'people': people, 'ties': ties}


def main():
    os.makedirs(OUT, exist_ok=True)
    write('karate', "Zachary's karate club (1977); weights 1-2/3-4/5+ as strength 1/2/3; club as department", karate())
    write('florentine', 'Florentine families marriage network (Padgett); mutual influence ties, strength 1', florentine())
    write('davis', 'Davis southern women, weighted projection on women; shared events 1-2/3-4/5+ as strength', davis())
    write('lesmis', 'Les Miserables co-appearances; weights 1-2/3-5/6+ as strength', lesmis())
    write('mixed-small', 'Seeded random map, 15 people, all tie kinds', random_map(1, 15, 0.15, ['Sales', 'Engineering', 'Finance']))
    write('mixed-medium', 'Seeded random map, 40 people, all tie kinds', random_map(2, 40, 0.06, ['Sales', 'Engineering', 'Finance', 'Marketing', '']))
    write('mixed-large', 'Seeded random map, 120 people, sparse', random_map(3, 120, 0.02, ['Sales', 'Engineering', 'Finance', 'Marketing', 'People']))
    write('roles', 'Hand-made: each brokerage role once around Vera', roles_map())
    write('parallel', 'Hand-made: parallel/opposite ties, a chain and an isolate', parallel_map())
    write('pair', 'Two people, one one-way influence tie', {'people': [person('a'), person('b')], 'ties': [tie(0, 'a', 'b', 'influence', 2)]})
    write('single', 'One person', {'people': [person('a')], 'ties': []})

    # Raw weights for the low-level shortest-path code (distance = published weight, and 1/weight).
    g = nx.les_miserables_graph()
    names = sorted(g.nodes)
    index = {v: i for i, v in enumerate(names)}
    edges = [[index[a], index[b], d['weight']] for a, b, d in g.edges(data=True)]
    for a, b, d in g.edges(data=True):
        d['inv'] = 1.0 / d['weight']
    raw = {
        'name': 'lesmis-raw',
        'nodes': len(names),
        'edges': edges,
        'betweenness_distance_weight': [nx.betweenness_centrality(g, weight='weight')[v] for v in names],
        'betweenness_distance_inverse': [nx.betweenness_centrality(g, weight='inv')[v] for v in names],
        'betweenness_unweighted': [nx.betweenness_centrality(g)[v] for v in names],
    }
    with open(os.path.join(OUT, 'lesmis-raw.json'), 'w') as f:
        json.dump(raw, f, indent=1)
        f.write('\n')
    print('wrote lesmis-raw')


if __name__ == '__main__':
    main()
