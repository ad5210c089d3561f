package io.oktioneer.support.events;

/** An event record that is JSON but not one JSON object: never an event, whatever its type. */
public class MalformedEventException extends IllegalArgumentException {

    public MalformedEventException(String message) {
        super(message);
    }
}
