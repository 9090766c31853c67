"""The jobs room (``peernet.jobs``): NetworkX jobs over the Neo4j graph, one package per job
(``suggest_contacts``, ``network_metrics``, ``recurring_problems``, ``retention``), each with
its load, compute and write steps in modules of those names. :mod:`.registry` knows them by
name and :mod:`.runner` runs them for the CLI, the GraphQL ``runJob`` mutation and the
benches."""
