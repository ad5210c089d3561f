-- A ledger batch reads its budget rows without locking them (another auction-service instance's writer may change
-- them before the batch writes). The write applies a preference's change to the row as it is then, as long as the
-- budget still holds; a row that no longer qualifies fails the batch's 'budgets' check with SQLSTATE 40001
-- (serialization_failure), which the writer answers by writing the batch again from fresh reads. Every other
-- failed check is still an integrity violation (a bug, never retried as such).
CREATE OR REPLACE FUNCTION ledger_assert(ok boolean, what text) RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
    IF NOT ok THEN
        IF what = 'budgets' THEN
            RAISE EXCEPTION 'ledger batch conflict: a budget no longer holds the batch''s change'
                USING ERRCODE = 'serialization_failure';
        END IF;
        RAISE EXCEPTION 'ledger batch check failed: %', what USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN true;
END $$;

-- An event's budget snapshots were computed from the rows as the batch read them. When another writer changed a
-- row in between, its snapshots are moved by what that writer changed (offsets: preference id -> spent, reserved,
-- version), so every event states the row as committed. The snapshots are the last field of every auction event
-- ("budgets":[...] then the ends of the payload and of the envelope), and are written in the event's own format,
-- so the envelope keeps its field order. NULL when nothing moved.
CREATE FUNCTION ledger_rebase(payload text, offsets jsonb) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN moved THEN left(payload, strpos(payload, '"budgets":[') - 1) || '"budgets":[' || snapshots || ']}}' END
      FROM (SELECT bool_or(o IS NOT NULL) AS moved,
                   string_agg(format('{"preferenceId":"%s","spent":%s,"reserved":%s,"ledgerVersion":%s}',
                           b->>'preferenceId',
                           (b->>'spent')::numeric + coalesce((o->>'spent')::numeric, 0),
                           (b->>'reserved')::numeric + coalesce((o->>'reserved')::numeric, 0),
                           (b->>'ledgerVersion')::bigint + coalesce((o->>'version')::bigint, 0)), ',' ORDER BY n)
                       AS snapshots
              FROM json_array_elements(payload::json->'payload'->'budgets') WITH ORDINALITY AS x(b, n),
                   LATERAL (SELECT offsets->(b->>'preferenceId') AS o) l) s
$$;
