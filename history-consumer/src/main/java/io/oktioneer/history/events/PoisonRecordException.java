package io.oktioneer.history.events;

/** A record that cannot become a row (not JSON, no event id, a value no column can hold): it goes to the DLT. */
public final class PoisonRecordException extends RuntimeException {

    public PoisonRecordException(String reason) {
        super(reason, null, false, false);
    }

    public PoisonRecordException(String reason, Throwable cause) {
        super(reason + ": " + cause.getMessage(), cause, false, false);
    }
}
