package io.oktioneer.auction.engine;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keep-alive HTTP/1.1 connections to the decision-engine on plain blocking sockets, used by the calling
 * (virtual) thread itself: a call writes its request in one {@code write} and reads the answer with a socket
 * read timeout set to what is left of its deadline, so a blocked read parks a virtual thread and costs nothing.
 * A call that misses its deadline closes its connection (the answer may still come: nobody reads it); a
 * finished one goes back to the idle pool (most recently used first, so a few connections stay warm). A pooled
 * connection that turns out closed by the engine (idle timeout, restart) before answering anything is retried
 * once on a new connection: a decision has no side effect. One instance of the engine has one of these pools;
 * a failure that leaves the call without an answer (no connection, or one that broke before answering) is a
 * {@link NoAnswerException}, which {@link EngineClient} takes to another instance.
 *
 * <p>Hand-written because the JDK {@code HttpClient} does each exchange on its selector thread and hands every
 * step to an executor, several thread hand-offs and ~100 µs of CPU per call where the whole engine hop has a
 * 60 µs budget (SPEC §9); no other HTTP client is a dependency of this service. It speaks only what the one
 * endpoint needs: a request whose head and body the caller encodes, answers with {@code Content-Length} or
 * chunked bodies, {@code Connection: close}.
 */
final class EngineConnections implements AutoCloseable {

    /** Reads an answer's body in place (the bytes belong to the connection until the reader returns). */
    @FunctionalInterface
    interface AnswerReader<T> {
        T read(int status, byte[] buffer, int offset, int length) throws IOException;
    }

    /**
     * The call got no answer from this instance: it could not connect ({@code connecting}), or the connection
     * broke before the answer was read. Asking another instance is safe (a decision has no side effect).
     */
    static final class NoAnswerException extends IOException {

        final boolean connecting;

        NoAnswerException(IOException cause, boolean connecting) {
            super(cause.toString(), cause);
            this.connecting = connecting;
        }
    }

    private final String host;
    private final int port;
    private final String hostHeader;
    private final long connectTimeoutMillis;
    private final long idleTimeoutNanos;
    private final int maxIdle;
    private final ConcurrentLinkedDeque<EngineConnection> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger idleCount = new AtomicInteger();
    private volatile boolean closed;

    EngineConnections(URI baseUrl, Duration connectTimeout, Duration idleTimeout, int maxIdle) {
        if (!"http".equalsIgnoreCase(baseUrl.getScheme())) {
            throw new IllegalArgumentException("oktioneer.engine.urls must be http://host:port, not " + baseUrl);
        }
        int port = baseUrl.getPort() < 0 ? 80 : baseUrl.getPort();
        this.host = baseUrl.getHost();
        this.port = port;
        this.hostHeader = baseUrl.getHost() + ":" + port;
        this.connectTimeoutMillis = Math.max(1, connectTimeout.toMillis());
        this.idleTimeoutNanos = idleTimeout.toNanos();
        this.maxIdle = maxIdle;
    }

    /** The value of the {@code Host} header every request must carry. */
    String hostHeader() {
        return hostHeader;
    }

    /**
     * Sends {@code request} (head and body, encoded) and reads the answer before {@code deadlineNanos}
     * ({@link System#nanoTime()}).
     *
     * @throws TimeoutException the deadline passed first (connecting, writing or waiting for the answer)
     * @throws IOException      refused, reset, closed, or not an HTTP answer
     */
    <T> T exchange(byte[] request, long deadlineNanos, AnswerReader<T> reader) throws IOException, TimeoutException {
        EngineConnection connection = pooled();
        if (connection != null) {
            try {
                return exchange(connection, request, deadlineNanos, reader);
            } catch (EngineConnection.StaleConnectionException e) {
                // closed by the engine while idle: try once more on a new connection
            }
        }
        return exchange(connect(deadlineNanos), request, deadlineNanos, reader);
    }

    private <T> T exchange(EngineConnection connection, byte[] request, long deadlineNanos, AnswerReader<T> reader)
            throws IOException, TimeoutException {
        boolean reusable = false;
        try {
            connection.write(request, deadlineNanos);
            T answer = connection.readAnswer(deadlineNanos, reader);
            connection.served = true;
            reusable = connection.keepAlive;
            return answer;
        } catch (SocketTimeoutException e) {
            throw timeout(e);
        } catch (EngineConnection.StaleConnectionException e) {
            throw e;
        } catch (SocketException | EOFException e) {
            throw new NoAnswerException(e, false);
        } finally {
            if (reusable) {
                release(connection);
            } else {
                connection.close();
            }
        }
    }

    private EngineConnection pooled() {
        EngineConnection connection;
        while ((connection = idle.pollFirst()) != null) {
            idleCount.decrementAndGet();
            if (System.nanoTime() - connection.idleSince < idleTimeoutNanos) {
                return connection;
            }
            connection.close();
        }
        return null;
    }

    private void release(EngineConnection connection) {
        if (closed || idleCount.incrementAndGet() > maxIdle) {
            idleCount.decrementAndGet();
            connection.close();
            return;
        }
        connection.idleSince = System.nanoTime();
        idle.offerFirst(connection);
        if (closed) {
            close();
        }
    }

    private EngineConnection connect(long deadlineNanos) throws IOException, TimeoutException {
        long left = EngineConnection.millisLeft(deadlineNanos);
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), (int) Math.min(left, connectTimeoutMillis));
            return new EngineConnection(socket);
        } catch (SocketTimeoutException e) {
            EngineConnection.closeQuietly(socket);
            if (left <= connectTimeoutMillis) {
                throw timeout(e);
            }
            throw new NoAnswerException(e, true);
        } catch (IOException e) {
            EngineConnection.closeQuietly(socket);
            throw new NoAnswerException(e, true);
        } catch (RuntimeException e) {
            EngineConnection.closeQuietly(socket);
            throw e;
        }
    }

    private static TimeoutException timeout(SocketTimeoutException cause) {
        TimeoutException timeout = new TimeoutException("no answer before the deadline");
        timeout.initCause(cause);
        return timeout;
    }

    @Override
    public void close() {
        closed = true;
        EngineConnection connection;
        while ((connection = idle.pollFirst()) != null) {
            idleCount.decrementAndGet();
            connection.close();
        }
    }
}
