#!/usr/bin/python3
"""Reference values for key-person risk (src/analysis/shortest-paths.ts: keyPersonRisk), by brute force
with NetworkX 2.8.8. Run with Debian's interpreter:

    /usr/bin/python3 scripts/reference/key_person_reference.py

Reads the networks of tests/fixtures/analysis/ (made by analysis_reference.py) and writes
tests/fixtures/key-person/risk.json: each network's input and the expected risk per person.

Definition, computed here the slow and obvious way: on the informal network (influence + trust
ties, source -> target, mutual ties both ways; tension and reports-to ignored), for each person v,
take the ordered pairs (s, t) of other people with t reachable from s. Remove v and measure every
pair again in hops. Risk = the share of those pairs whose hop distance grew or that became
unreachable. 0 when no such pairs exist. The app finds the same pairs in one pass per source with
dominator trees; this checks it does so exactly.
"""
import json
import os

import networkx as nx

HERE = os.path.dirname(__file__)
SRC = os.path.join(HERE, '..', '..', 'tests', 'fixtures', 'analysis')
OUT = os.path.join(HERE, '..', '..', 'tests', 'fixtures', 'key-person', 'risk.json')
PATH_KINDS = ('influence', 'trust')
NETWORKS = ['single', 'pair', 'roles', 'parallel', 'florentine', 'karate', 'mixed-small', 'mixed-medium', 'mixed-large', 'lesmis']


def informal_hops(inp):
    g = nx.DiGraph()
    g.add_nodes_from(p['id'] for p in inp['people'])
    for t in inp['ties']:
        if t['kind'] not in PATH_KINDS or t['source'] == t['target']:
            continue
        g.add_edge(t['source'], t['target'])
        if t['mutual']:
            g.add_edge(t['target'], t['source'])
    return g


def risk(g):
    before = dict(nx.all_pairs_shortest_path_length(g))
    out = {}
    for v in g.nodes:
        h = g.copy()
        h.remove_node(v)
        after = dict(nx.all_pairs_shortest_path_length(h))
        pairs = 0
        worse = 0
        for s, dists in before.items():
            if s == v:
                continue
            for t, d in dists.items():
                if t == s or t == v:
                    continue
                pairs += 1
                if t not in after[s] or after[s][t] > d:
                    worse += 1
        out[v] = {'risk': worse / pairs if pairs else 0.0, 'dependent': worse, 'pairs': pairs}
    return out


def main():
    networks = []
    for name in NETWORKS:
        with open(os.path.join(SRC, name + '.json')) as f:
            fixture = json.load(f)
        inp = fixture['input']
        networks.append({'name': name, 'input': inp, 'expected': risk(informal_hops(inp))})
        print(name, len(inp['people']), 'people')
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, 'w') as f:
        json.dump({'networkx': nx.__version__, 'networks': networks}, f, indent=None, sort_keys=True)
        f.write('\n')


if __name__ == '__main__':
    main()
