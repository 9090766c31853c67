"""Constraints and indexes, created by ``peernet db migrate`` — never as a side effect of
connecting. Every statement is ``IF NOT EXISTS``, so running the migration twice is a no-op."""

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
    "CREATE INDEX manager_name IF NOT EXISTS FOR (m:Manager) ON (m.name)",
    "CREATE INDEX problem_category IF NOT EXISTS FOR (p:Problem) ON (p.category)",
    "CREATE INDEX problem_created IF NOT EXISTS FOR (p:Problem) ON (p.createdAt)",
    "CREATE INDEX audit_at IF NOT EXISTS FOR (a:AuditEntry) ON (a.at)",
    "CREATE INDEX suggested_run IF NOT EXISTS FOR ()-[s:SUGGESTED]-() ON (s.runId)",
    # Swedish stemming and stop words in Lucene; English text still tokenises sensibly.
    "CREATE FULLTEXT INDEX problem_text IF NOT EXISTS FOR (p:Problem) "
    "ON EACH [p.title, p.description] OPTIONS {indexConfig: {`fulltext.analyzer`: 'swedish'}}",
)


async def migrate(driver: AsyncDriver, database: str) -> list[str]:
    """Apply every migration; return the statements run."""
    async with driver.session(database=database) as session:
        for statement in MIGRATIONS:
            await (await session.run(statement)).consume()
        await (await session.run("CALL db.awaitIndexes(300)")).consume()
    return list(MIGRATIONS)


__all__ = ["MIGRATIONS", "UNIQUE_ID_LABELS", "migrate"]
