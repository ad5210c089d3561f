-- A ledger batch reads its budget rows without locking them and writes them only if no other writer changed them
-- since (ledger_version unchanged). A row that did change fails the batch's 'budgets' check with SQLSTATE 40001
-- (serialization_failure), which the writer answers by writing the batch again from fresh reads; every other
-- failed check is still an integrity violation (a bug, never retried as such).
CREATE OR REPLACE FUNCTION ledger_assert(ok boolean, what text) RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
    IF NOT ok THEN
        IF what = 'budgets' THEN
            RAISE EXCEPTION 'ledger batch conflict: a budget changed since the batch read it'
                USING ERRCODE = 'serialization_failure';
        END IF;
        RAISE EXCEPTION 'ledger batch check failed: %', what USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN true;
END $$;
