"""List the import cycles among srek_desk modules, counting imports inside functions too.

    .venv/bin/python scripts/dev/import_cycles.py      # exit 1 and the cycles, or exit 0

grimp builds the same graph import-linter checks; a cycle is a strongly connected component of
more than one module (Tarjan's algorithm, iterative so deep packages cannot overflow the stack).
"""

from __future__ import annotations

import sys

import grimp


def import_cycles(package: str = "srek_desk") -> list[list[str]]:
    graph = grimp.build_graph(package, cache_dir=None)
    edges = {
        module: sorted(graph.find_modules_directly_imported_by(module)) for module in graph.modules
    }
    index: dict[str, int] = {}
    lowlink: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []
    counter = 0
    for start in sorted(edges):
        if start in index:
            continue
        work = [(start, 0)]
        while work:
            node, child = work.pop()
            if child == 0:
                index[node] = lowlink[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            successors = edges.get(node, [])
            if child < len(successors):
                work.append((node, child + 1))
                nxt = successors[child]
                if nxt not in index:
                    work.append((nxt, 0))
                elif nxt in on_stack:
                    lowlink[node] = min(lowlink[node], index[nxt])
                continue
            if lowlink[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    components.append(sorted(component))
            if work:
                parent = work[-1][0]
                lowlink[parent] = min(lowlink[parent], lowlink[node])
    return sorted(components)


def main() -> int:
    cycles = import_cycles()
    for component in cycles:
        print("Importzyklus:", " ↔ ".join(component))
    return 1 if cycles else 0


if __name__ == "__main__":
    sys.exit(main())
