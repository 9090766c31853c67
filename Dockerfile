# The peernet API for production. Neo4j runs as its own service (see docker-compose.yml).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /src
# Only what the distribution is built from; .dockerignore keeps out tests and local state.
COPY pyproject.toml README.md ./
COPY peernet ./peernet
COPY graph ./graph
COPY schema ./schema
COPY resolvers ./resolvers
COPY jobs ./jobs
COPY seeds ./seeds
RUN pip install . && rm -rf /src

RUN useradd --system --uid 10001 --no-create-home peernet
USER peernet
WORKDIR /home/peernet

ENV PEERNET_MODE=production
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=3s --start-period=10s --retries=3 \
  CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/health/live', timeout=2)"]

CMD ["peernet", "serve", "--host", "0.0.0.0"]
