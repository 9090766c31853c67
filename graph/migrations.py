"""Constraints and indexes, created by ``peernet db migrate`` — never as a side effect of
connecting. Every statement is ``IF NOT EXISTS`` or sets what is already set, so running the
migration twice is a no-op."""

from __future__ import annotations

from neo4j import AsyncDriver

UNIQUE_ID_LABELS = (
    "Department", "Manager", "Cohort", "Session", "Problem", "AuditEntry", "JobRun",
    "RecurringProblem", "MetricsSnapshot",
)

MIGRATIONS: tuple[str, ...] = (
    *(
        f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS "
        f"FOR (n:{label}) REQUIRE n.id IS UNIQUE"
        for label in UNIQUE_ID_LABELS
    ),
    # One lock node per job (graph.job_runs): two starts at once MERGE the same node.
    "CREATE CONSTRAINT joblock_job IF NOT EXISTS FOR (l:JobLock) REQUIRE l.job IS UNIQUE",
    "CREATE INDEX manager_name IF NOT EXISTS FOR (m:Manager) ON (m.name)",
    "CREATE INDEX problem_category IF NOT EXISTS FOR (p:Problem) ON (p.category)",
    "CREATE INDEX problem_created IF NOT EXISTS FOR (p:Problem) ON (p.createdAt)",
    "CREATE INDEX audit_at IF NOT EXISTS FOR (a:AuditEntry) ON (a.at)",
    "CREATE INDEX suggested_run IF NOT EXISTS FOR ()-[s:SUGGESTED]-() ON (s.runId)",
    # Swedish stemming and stop words in Lucene; English text still tokenises sensibly.
    "CREATE FULLTEXT INDEX problem_text IF NOT EXISTS FOR (p:Problem) "
    "ON EACH [p.title, p.description] OPTIONS {indexConfig: {`fulltext.analyzer`: 'swedish'}}",
    # The non-confidential problems, in an index of their own: Lucene's scores and candidate
    # cut depend on every text in the index searched, so a viewer who may not read confidential
    # problems searches one that holds none (graph.find_peers). Every write path keeps the label
    # (visibility.OPEN_PROBLEM_LABEL); these two statements set it on data written before it
    # existed or restored from a dump, and take it off anything confidential.
    "CREATE FULLTEXT INDEX open_problem_text IF NOT EXISTS FOR (p:OpenProblem) "
    "ON EACH [p.title, p.description] OPTIONS {indexConfig: {`fulltext.analyzer`: 'swedish'}}",
    "MATCH (p:OpenProblem) WHERE p.confidential IS NULL OR p.confidential <> false "
    "REMOVE p:OpenProblem",
    "MATCH (p:Problem) WHERE p.confidential = false AND NOT p:OpenProblem SET p:OpenProblem",
)


async def migrate(driver: AsyncDriver, database: str) -> list[str]:
    """Apply every migration; return the statements run."""
    async with driver.session(database=database) as session:
        for statement in MIGRATIONS:
            await (await session.run(statement)).consume()
        await (await session.run("CALL db.awaitIndexes(300)")).consume()
    return list(MIGRATIONS)


__all__ = ["MIGRATIONS", "UNIQUE_ID_LABELS", "migrate"]
