package io.oktioneer.gateway.edge;

import io.oktioneer.gateway.PublicError;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import reactor.core.publisher.Flux;

/**
 * Streams a body of unknown length (chunked) through while counting it, and fails with 413 once it passes
 * the limit: nothing is buffered. A declared {@code Content-Length} is checked before this, without reading.
 */
final class BodySizeLimit extends ServerHttpRequestDecorator {

    static final class TooLargeException extends PublicError {

        TooLargeException(long limit) {
            super(HttpStatus.CONTENT_TOO_LARGE, "The request body is larger than " + limit + " bytes.");
        }
    }

    private final long limit;

    BodySizeLimit(ServerHttpRequest delegate, long limit) {
        super(delegate);
        this.limit = limit;
    }

    @Override
    public Flux<DataBuffer> getBody() {
        AtomicLong seen = new AtomicLong();
        return super.getBody().map(buffer -> {
            if (seen.addAndGet(buffer.readableByteCount()) > limit) {
                DataBufferUtils.release(buffer);
                throw new TooLargeException(limit);
            }
            return buffer;
        });
    }
}
