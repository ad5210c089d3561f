-- The budget ledger: one row per preference, fed by oktioneer.preferences.v1 (or, until its event arrives,
-- by the engine's candidate). spent + reserved may never grow beyond total_budget (SPEC §4.4).
CREATE TABLE preference_budget (
    preference_id      uuid          PRIMARY KEY,
    user_id            varchar(64)   NOT NULL,
    currency           varchar(3)    NOT NULL,
    total_budget       numeric(14,2),
    spent              numeric(18,2) NOT NULL DEFAULT 0,
    reserved           numeric(18,2) NOT NULL DEFAULT 0,
    ledger_version     bigint        NOT NULL DEFAULT 0,
    deleted            boolean       NOT NULL DEFAULT false,
    -- the preference event's version last applied; null while the row only knows the engine's candidate
    preference_version bigint,
    preference_created_at timestamptz,
    updated_at         timestamptz   NOT NULL,
    CONSTRAINT preference_budget_not_negative CHECK (spent >= 0 AND reserved >= 0)
);
CREATE INDEX preference_budget_user ON preference_budget (user_id);

-- The invariant in SQL. A plain CHECK (spent + reserved <= total_budget) would also refuse a user lowering the
-- budget below what is already committed; this refuses exactly what the invariant forbids: any write that
-- makes the commitment grow beyond the budget.
CREATE FUNCTION ledger_within_budget() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.total_budget IS NOT NULL AND NEW.spent + NEW.reserved > NEW.total_budget
       AND (TG_OP = 'INSERT' OR NEW.spent + NEW.reserved > OLD.spent + OLD.reserved) THEN
        RAISE EXCEPTION 'ledger of preference % would exceed its total budget', NEW.preference_id
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER preference_budget_within_budget
    BEFORE INSERT OR UPDATE OF spent, reserved, total_budget ON preference_budget
    FOR EACH ROW EXECUTE FUNCTION ledger_within_budget();

-- Users as preference-service announces them (for 404 on the spending of an unknown user).
CREATE TABLE known_user (
    user_id    varchar(64) PRIMARY KEY,
    deleted    boolean     NOT NULL,
    updated_at timestamptz NOT NULL
);

-- One row per auction: the round it is at and whether it is still open. Every ledger command claims its
-- auction here first (conditional on the state it was decided against), so concurrent replays, rounds,
-- results and expiries of one auction apply once.
CREATE TABLE auction (
    exchange     varchar(64)  NOT NULL,
    auction_id   varchar(128) NOT NULL,
    latest_round integer      NOT NULL,
    status       varchar(16)  NOT NULL,
    created_at   timestamptz  NOT NULL,
    updated_at   timestamptz  NOT NULL,
    PRIMARY KEY (exchange, auction_id)
);

CREATE TABLE auction_round (
    exchange          varchar(64)   NOT NULL,
    auction_id        varchar(128)  NOT NULL,
    round             integer       NOT NULL,
    decision_id       uuid          NOT NULL,
    category          varchar(256),
    brand             varchar(256),
    title             varchar(1024),
    floor_price       numeric(14,2) NOT NULL,
    currency          varchar(3)    NOT NULL,
    auction_type      varchar(16)   NOT NULL,
    min_increment     numeric(14,2) NOT NULL,
    closes_at         timestamptz,
    tmax_ms           integer       NOT NULL,
    decision          varchar(8)    NOT NULL,
    reason            varchar(24),
    bid_amount        numeric(14,2),
    user_id           varchar(64),
    preference_id     uuid,
    candidates        integer       NOT NULL,
    engine_latency_ms double precision,
    latency_ms        double precision,
    evaluated_at      timestamptz   NOT NULL,
    reservation       varchar(16)   NOT NULL,
    expires_at        timestamptz,
    PRIMARY KEY (exchange, auction_id, round)
);
CREATE INDEX auction_round_open_reservations ON auction_round (expires_at) WHERE reservation = 'OPEN';

CREATE TABLE auction_result (
    exchange       varchar(64)   NOT NULL,
    auction_id     varchar(128)  NOT NULL,
    round          integer       NOT NULL,
    decision_id    uuid          NOT NULL,
    outcome        varchar(16)   NOT NULL,
    clearing_price numeric(14,2),
    currency       varchar(3)    NOT NULL,
    recorded_at    timestamptz   NOT NULL,
    PRIMARY KEY (exchange, auction_id)
);

-- Transactional outbox of oktioneer.auctions.v1, drained in id order by the relay.
CREATE TABLE outbox (
    id          bigserial    PRIMARY KEY,
    event_id    uuid         NOT NULL,
    event_type  varchar(32)  NOT NULL,
    message_key varchar(200) NOT NULL,
    payload     text         NOT NULL,
    traceparent varchar(64),
    created_at  timestamptz  NOT NULL
);

-- Raises inside a ledger write statement when its row counts are not the expected ones (rolls the batch back).
CREATE FUNCTION ledger_assert(ok boolean, what text) RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
    IF NOT ok THEN
        RAISE EXCEPTION 'ledger batch check failed: %', what USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN true;
END $$;
