package io.oktioneer.auction.engine;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One keep-alive connection of {@link EngineConnections}: a socket the calling thread has alone, writing a request
 * in one {@code write} and reading its HTTP/1.1 answer in place ({@code Content-Length}, chunked, or up to the
 * close); its buffer is reused for every answer.
 */
final class EngineConnection {

    static final int MAX_HEAD = 16 * 1024;
    static final int MAX_BODY = 4 * 1024 * 1024;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private byte[] buffer = new byte[4096];
    /** Bytes of {@link #buffer} read from the socket. */
    private int filled;
    /** The last answer left the connection reusable. */
    boolean keepAlive;
    /** When it went back to the idle pool ({@link System#nanoTime()}). */
    long idleSince;
    /** It answered before: a failure before the first byte of the next answer means the engine closed it. */
    boolean served;

    EngineConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    void write(byte[] request, long deadlineNanos) throws IOException, TimeoutException {
        millisLeft(deadlineNanos);
        try {
            out.write(request);
        } catch (SocketException e) {
            throw served ? new StaleConnectionException(e) : e;
        }
    }

    <T> T readAnswer(long deadlineNanos, EngineConnections.AnswerReader<T> reader)
            throws IOException, TimeoutException {
        filled = 0;
        int headEnd;
        while ((headEnd = headEnd()) < 0) {
            if (filled == MAX_HEAD) {
                throw new IOException("answer head larger than " + MAX_HEAD + " bytes");
            }
            fill(deadlineNanos, MAX_HEAD);
        }
        int status = status();
        long contentLength = -1;
        boolean chunked = false;
        keepAlive = true;
        int line = lineEnd(0) + 2;
        while (line < headEnd - 2) {
            int end = lineEnd(line);
            int colon = indexOf((byte) ':', line, end);
            if (colon > 0) {
                if (nameIs("content-length", line, colon)) {
                    contentLength = Long.parseLong(value(colon, end));
                } else if (nameIs("transfer-encoding", line, colon)) {
                    chunked = value(colon, end).toLowerCase().contains("chunked");
                } else if (nameIs("connection", line, colon)) {
                    keepAlive = !value(colon, end).equalsIgnoreCase("close");
                }
            }
            line = end + 2;
        }
        if (chunked) {
            return reader.read(status, buffer, headEnd, dechunk(headEnd, deadlineNanos));
        }
        if (contentLength < 0) {
            contentLength = status == 204 || status == 304 ? 0 : readToEnd(headEnd, deadlineNanos);
            keepAlive = false;
        }
        if (contentLength > MAX_BODY) {
            throw new IOException("answer body of " + contentLength + " bytes");
        }
        int end = headEnd + (int) contentLength;
        while (filled < end) {
            fill(deadlineNanos, end);
        }
        keepAlive &= filled == end;
        return reader.read(status, buffer, headEnd, (int) contentLength);
    }

    /** Decodes a chunked body in place after the head; returns its length. */
    private int dechunk(int start, long deadlineNanos) throws IOException, TimeoutException {
        int length = 0;
        int at = start;
        while (true) {
            int sizeEnd;
            while ((sizeEnd = indexOfCrLf(at)) < 0) {
                fill(deadlineNanos, MAX_BODY);
            }
            String size = new String(buffer, at, sizeEnd - at, StandardCharsets.US_ASCII);
            int semicolon = size.indexOf(';');
            int chunk = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
            int dataStart = sizeEnd + 2;
            if (chunk == 0) {
                // no trailers expected: the final CRLF follows
                while (filled < dataStart + 2) {
                    fill(deadlineNanos, MAX_BODY);
                }
                keepAlive &= filled == dataStart + 2;
                return length;
            }
            if (length + chunk > MAX_BODY) {
                throw new IOException("answer body larger than " + MAX_BODY + " bytes");
            }
            while (filled < dataStart + chunk + 2) {
                fill(deadlineNanos, MAX_BODY + MAX_HEAD);
            }
            System.arraycopy(buffer, dataStart, buffer, start + length, chunk);
            length += chunk;
            at = dataStart + chunk + 2;
        }
    }

    private int readToEnd(int start, long deadlineNanos) throws IOException, TimeoutException {
        while (true) {
            try {
                fill(deadlineNanos, start + MAX_BODY);
            } catch (EOFException e) {
                return filled - start;
            }
        }
    }

    /** Reads more bytes (at least one) into the buffer, growing it up to {@code limit}. */
    private void fill(long deadlineNanos, int limit) throws IOException, TimeoutException {
        if (filled == buffer.length) {
            if (buffer.length >= limit) {
                throw new IOException("answer larger than " + limit + " bytes");
            }
            buffer = Arrays.copyOf(buffer, Math.min(limit, buffer.length * 2));
        }
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, millisLeft(deadlineNanos)));
        int read;
        try {
            read = in.read(buffer, filled, buffer.length - filled);
        } catch (SocketException e) {
            throw served && filled == 0 ? new StaleConnectionException(e) : e;
        }
        if (read < 0) {
            EOFException eof = new EOFException("connection closed by the engine");
            throw served && filled == 0 ? new StaleConnectionException(eof) : eof;
        }
        filled += read;
    }

    private int headEnd() {
        for (int i = 3; i < filled; i++) {
            if (buffer[i] == '\n' && buffer[i - 1] == '\r' && buffer[i - 2] == '\n' && buffer[i - 3] == '\r') {
                return i + 1;
            }
        }
        return -1;
    }

    private int status() throws IOException {
        // "HTTP/1.1 200 ..."
        if (filled < 12 || buffer[0] != 'H' || buffer[8] != ' ') {
            throw new IOException("not an HTTP/1.x answer");
        }
        int status = 0;
        for (int i = 9; i < 12; i++) {
            int digit = buffer[i] - '0';
            if (digit < 0 || digit > 9) {
                throw new IOException("not an HTTP/1.x answer");
            }
            status = status * 10 + digit;
        }
        return status;
    }

    private int lineEnd(int from) {
        return indexOfCrLf(from);
    }

    private int indexOfCrLf(int from) {
        for (int i = from; i + 1 < filled; i++) {
            if (buffer[i] == '\r' && buffer[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private int indexOf(byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buffer[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private boolean nameIs(String name, int from, int colon) {
        if (colon - from != name.length()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (Character.toLowerCase(buffer[from + i]) != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private String value(int colon, int end) {
        return new String(buffer, colon + 1, end - colon - 1, StandardCharsets.US_ASCII).trim();
    }

    void close() {
        closeQuietly(socket);
    }

    /** Whole milliseconds left, at least 1 (a socket timeout of 0 would mean "wait forever"). */
    static long millisLeft(long deadlineNanos) throws TimeoutException {
        long nanos = deadlineNanos - System.nanoTime();
        if (nanos <= 0) {
            throw new TimeoutException("deadline passed");
        }
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos + 999_999));
    }

    static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing left to do with it
        }
    }

    /** The connection was closed before it answered anything: safe to retry on a new one. */
    static final class StaleConnectionException extends IOException {
        StaleConnectionException(Throwable cause) {
            super("pooled connection closed by the engine", cause);
        }
    }
}
