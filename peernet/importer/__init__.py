"""Importing a real organisation from CSV files (``peernet import``).

``fields`` and ``parse`` read and check the files, ``plan`` resolves references and decides
what to write — all pure; ``service`` adds the graph look-ups and the write
(``peernet.graph.importer``). The formats are described in docs/import.md.
"""
