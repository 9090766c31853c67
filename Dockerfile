# The peernet API and pages for production. Neo4j runs as its own service (see docker-compose.yml).

# The pages' pinned front-end libraries (chart.js, cytoscape), installed from the lock file so
# that nothing is fetched from a CDN at run time; the test-only axe-core is left out.
FROM node:22-slim AS web
WORKDIR /web
COPY web/package.json web/package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY web/index.html ./
COPY web/static ./static

FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /src
# Only what the distribution is built from; .dockerignore keeps out tests and local state.
COPY pyproject.toml README.md ./
COPY peernet ./peernet
COPY domain ./domain
COPY graph ./graph
COPY schema ./schema
COPY resolvers ./resolvers
COPY jobs ./jobs
COPY seeds ./seeds
RUN pip install . && rm -rf /src

COPY --from=web /web /opt/peernet/web

RUN useradd --system --uid 10001 --no-create-home peernet
USER peernet
WORKDIR /home/peernet

ENV PEERNET_MODE=production \
    PEERNET_WEB_DIR=/opt/peernet/web
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=3s --start-period=10s --retries=3 \
  CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/health/live', timeout=2)"]

CMD ["peernet", "serve", "--host", "0.0.0.0"]
