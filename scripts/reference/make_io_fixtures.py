#!/usr/bin/python3
"""Writes GraphML and GEXF fixtures with NetworkX (Debian's python3-networkx 2.8.8), so the
importers are tested against files another tool really wrote.

Run: /usr/bin/python3 scripts/reference/make_io_fixtures.py
Writes tests/fixtures/io/networkx-*.graphml|gexf and networkx-expected.json (what a test should
find in them).
"""
import json
import os

import networkx as nx

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "fixtures", "io")
os.makedirs(OUT, exist_ok=True)


def path(name):
    return os.path.join(OUT, name)


# 1. A directed advice network with our attribute names, positions, weights and an unknown attr.
g = nx.DiGraph(name="Advice network")
people = [
    ("ana", dict(label="Ana <CEO> & co", title="Chief Executive", department="Board", seniority="Executive", influence=5, stance="champion", office="Paris", x=0.0, y=0.0)),
    ("ben", dict(label="Ben", title="VP Sales", department="Sales", seniority="Senior leader", influence=4, stance="supporter", office="Berlin", x=300.0, y=200.0)),
    ("cai", dict(label="Cai", title="Engineer", department="Engineering", seniority="Individual contributor", influence=2, stance="sceptic", office="Leeds", x=600.0, y=200.0)),
    ("dee", dict(label="Dee", title="Analyst", department="Finance", influence=3, stance="neutral", office="Paris", x=900.0, y=400.0)),
]
g.add_nodes_from(people)
g.add_edge("ben", "ana", kind="reports-to", strength=2)
g.add_edge("cai", "ben", kind="influence", strength=3)
g.add_edge("dee", "ana", weight=0.2)
g.add_edge("ana", "dee", weight=0.9)
g.add_edge("cai", "dee", weight=0.5)
nx.write_graphml(g, path("networkx-directed.graphml"))

# 2. The same network as GEXF, positions as viz:position (Gephi convention: centre, y up).
h = nx.DiGraph()
for node, data in people:
    attrs = {k: v for k, v in data.items() if k not in ("x", "y")}
    attrs["viz"] = {"position": {"x": data["x"], "y": data["y"], "z": 0.0}}
    h.add_node(node, **attrs)
for u, v, data in g.edges(data=True):
    h.add_edge(u, v, **data)
nx.write_gexf(h, path("networkx-directed.gexf"))

# 3. An undirected graph with no positions and no kinds: every edge becomes a mutual trust tie.
k = nx.karate_club_graph()
for u, v in k.edges():
    k[u][v]["weight"] = float(1 + (u * 7 + v * 3) % 10)
nx.write_graphml(k, path("networkx-karate.graphml"))
nx.write_gexf(k, path("networkx-karate.gexf"))

expected = {
    "directed": {
        "nodes": len(people),
        "edges": g.number_of_edges(),
        "names": {n: d["label"] for n, d in people},
        "positions": {n: [d["x"], d["y"]] for n, d in people},
    },
    "karate": {
        "nodes": k.number_of_nodes(),
        "edges": k.number_of_edges(),
        "clubs": {str(n): d["club"] for n, d in k.nodes(data=True)},
    },
    "networkx": nx.__version__,
}
with open(path("networkx-expected.json"), "w") as f:
    json.dump(expected, f, indent=2, sort_keys=True)
    f.write("\n")
print("wrote fixtures to", os.path.normpath(OUT))
