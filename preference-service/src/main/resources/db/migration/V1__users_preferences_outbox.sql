-- Users and their bidding preferences (SPEC §3), and the transactional outbox of preference events (SPEC §5).

CREATE TABLE users (
    user_id      varchar(64)  PRIMARY KEY,
    display_name varchar(200) NOT NULL,
    status       varchar(16)  NOT NULL CHECK (status IN ('ACTIVE', 'SUSPENDED')),
    created_at   timestamptz  NOT NULL,
    updated_at   timestamptz  NOT NULL
);

CREATE TABLE preferences (
    id           uuid          PRIMARY KEY,
    user_id      varchar(64)   NOT NULL REFERENCES users (user_id),
    name         varchar(200),
    categories   text[]        NOT NULL,
    brands       text[]        NOT NULL,
    -- Exact amounts, 2 fraction digits, at most 1e9 (SPEC §2).
    max_bid      numeric(12,2) NOT NULL CHECK (max_bid > 0),
    total_budget numeric(12,2)          CHECK (total_budget > 0),
    -- varchar, not char: a JDBC string bind against char(n) skips indexes.
    currency     varchar(3)    NOT NULL,
    active       boolean       NOT NULL,
    version      bigint        NOT NULL,
    created_at   timestamptz   NOT NULL,
    updated_at   timestamptz   NOT NULL
);

-- A user's preferences, oldest first: listing, paging, counting, and the user's status change and delete.
CREATE INDEX preferences_by_user ON preferences (user_id, created_at, id);

-- Events to publish to Kafka, written in the transaction of the change they describe; the relay publishes them
-- in id order and deletes them. payload NULL is a tombstone.
CREATE TABLE outbox (
    id           bigint       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    message_key  varchar(128) NOT NULL,
    payload      text,
    traceparent  varchar(64),
    created_at   timestamptz  NOT NULL DEFAULT clock_timestamp()
);
