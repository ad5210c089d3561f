-- API keys of the gateway (SPEC §6). Only a SHA-256 of each key is stored; the plaintext is shown once.
CREATE TABLE api_keys (
    id              uuid        PRIMARY KEY,
    key_hash        varchar(64) NOT NULL UNIQUE,
    role            varchar(16) NOT NULL CHECK (role IN ('ADMIN', 'BIDDER', 'EXCHANGE', 'USER')),
    user_id         varchar(64),
    exchange        varchar(64),
    rate_per_second bigint,
    rate_burst      bigint,
    created_at      timestamptz NOT NULL,
    revoked_at      timestamptz,
    -- Set by the database on every change; gateways poll for rows changed since their last read.
    updated_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
    CHECK ((rate_per_second IS NULL) = (rate_burst IS NULL)),
    CHECK (role <> 'USER' OR user_id IS NOT NULL),
    CHECK (role <> 'EXCHANGE' OR exchange IS NOT NULL)
);

CREATE INDEX api_keys_updated_at ON api_keys (updated_at);
