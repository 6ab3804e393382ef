# Podium's image: the package installed on a slim Python, run as an unprivileged user.
# Build: docker build -t podium .   Run: see compose.yaml and README "Running in production".
FROM python:3.12-slim AS build
WORKDIR /src
COPY pyproject.toml README.md ./
COPY bot bot
COPY commands commands
COPY data data
RUN pip install --no-cache-dir --prefix=/install .

FROM python:3.12-slim
RUN useradd --create-home --uid 10001 podium && mkdir -p /data && chown podium /data
COPY --from=build /install /usr/local
USER podium
WORKDIR /home/podium
# Without PostgreSQL, the SQLite file lives on the /data volume. JSON logs for collectors.
ENV PYTHONUNBUFFERED=1 \
    PODIUM_DATABASE_URL=sqlite+aiosqlite:////data/podium.sqlite3 \
    PODIUM_LOG_FORMAT=json
VOLUME /data
# Healthy = the database answers and is migrated (exit 0); see `podium status --json`.
HEALTHCHECK --interval=30s --timeout=15s --start-period=120s --retries=3 \
    CMD ["podium", "status"]
ENTRYPOINT ["podium"]
CMD ["run"]
