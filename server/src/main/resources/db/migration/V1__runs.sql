-- The lab's state: one row per run, its timeline snapshots, its checkpoint, the visitors' starts (quotas) and the
-- live workers. Portable SQL: the same file runs on H2 and PostgreSQL. Never edit once released: add V3__...

-- A run: its spec (fixed), its state and progress (written by the worker that trains it, fenced by its execution's
-- version), its latest weights exactly as served, learning curve and report (JSON). change grows with every write,
-- so a web replica reloads a run's heavy columns only when they changed.
CREATE TABLE runs (
    id               VARCHAR(32)      NOT NULL PRIMARY KEY,
    generation       VARCHAR(8)       NOT NULL,
    origin           VARCHAR(16)      NOT NULL,
    client           VARCHAR(64),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    config           TEXT             NOT NULL,
    state            VARCHAR(16)      NOT NULL,
    problem          TEXT,
    queue_at         BIGINT           NOT NULL,
    control          VARCHAR(16),
    worker           VARCHAR(100),
    fence            BIGINT           NOT NULL DEFAULT 0,
    kills            INT              NOT NULL DEFAULT 0,
    meta_iteration   BIGINT           NOT NULL DEFAULT 0,
    tasks_done       BIGINT           NOT NULL DEFAULT 0,
    tasks_per_second DOUBLE PRECISION NOT NULL DEFAULT 0,
    latest           BYTEA,
    curve            TEXT,
    report           TEXT,
    change           BIGINT           NOT NULL DEFAULT 0
);

-- A timeline snapshot: the weights file exactly as served, with the SHA-256 of its bytes (checked on every read).
CREATE TABLE snapshots (
    run_id         VARCHAR(32) NOT NULL,
    generation     VARCHAR(8)  NOT NULL,
    idx            INT         NOT NULL,
    meta_iteration BIGINT      NOT NULL,
    tasks_done     BIGINT      NOT NULL,
    bytes          BYTEA       NOT NULL,
    sha256         VARCHAR(64) NOT NULL,
    PRIMARY KEY (run_id, generation, idx)
);

-- A run's newest checkpoint (CheckpointCodec's bytes, which carry their own SHA-256).
CREATE TABLE checkpoints (
    run_id     VARCHAR(32) NOT NULL PRIMARY KEY,
    generation VARCHAR(8)  NOT NULL,
    bytes      BYTEA       NOT NULL
);

-- Runs started by each client (its quota key), epoch milliseconds; rows older than the window are deleted.
CREATE TABLE quota_starts (
    client     VARCHAR(64) NOT NULL,
    started_at BIGINT      NOT NULL,
    run_id     VARCHAR(32) NOT NULL
);
CREATE INDEX quota_starts_client ON quota_starts (client, started_at);

-- One row, locked FOR UPDATE by every admission and catalogue change, so replicas decide one at a time.
CREATE TABLE lab_lock (
    id INT NOT NULL PRIMARY KEY
);
INSERT INTO lab_lock (id) VALUES (1);

-- Workers announce themselves every second; one seen in the last few seconds is live.
CREATE TABLE workers (
    name      VARCHAR(100) NOT NULL PRIMARY KEY,
    seen_at   BIGINT       NOT NULL,
    trainers  INT          NOT NULL
);
