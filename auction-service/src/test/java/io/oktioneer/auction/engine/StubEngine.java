package io.oktioneer.auction.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A raw HTTP/1.1 server on a loopback socket standing in for one engine instance: every connection is served on
 * its own virtual thread, each request (head + Content-Length body) answered with the bytes the test's function
 * gives for the request's number (from 1): {@code null} closes the connection without a word, {@code "SLEEP n"}
 * waits n ms and answers nothing.
 */
final class StubEngine implements AutoCloseable {

    final List<Socket> accepted = new CopyOnWriteArrayList<>();
    final AtomicInteger requests = new AtomicInteger();
    private final ServerSocket server;
    private final Function<Integer, String> answers;

    private StubEngine(Function<Integer, String> answers) throws IOException {
        this.answers = answers;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    accepted.add(socket);
                    Thread.ofVirtual().start(() -> answerAll(socket));
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    static StubEngine start(Function<Integer, String> answers) throws IOException {
        return new StubEngine(answers);
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** The URL of a port nobody listens on: connections are refused. */
    static URI refusing() throws IOException {
        try (ServerSocket closed = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + closed.getLocalPort());
        }
    }

    static String ok(String body) {
        return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    private void answerAll(Socket socket) {
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            while (readRequest(in)) {
                String answer = answers.apply(requests.incrementAndGet());
                if (answer == null) {
                    return; // close without a word
                }
                if (answer.startsWith("SLEEP ")) {
                    Thread.sleep(Long.parseLong(answer.substring(6)));
                    continue;
                }
                out.write(answer.getBytes(StandardCharsets.UTF_8));
                out.flush();
                if (answer.contains("Connection: close")) {
                    return;
                }
            }
        } catch (IOException | InterruptedException e) {
            // the client went away
        }
    }

    private static boolean readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            String text = head.toString(StandardCharsets.US_ASCII);
            if (text.endsWith("\r\n\r\n")) {
                int at = text.indexOf("Content-Length: ") + 16;
                int length = Integer.parseInt(text.substring(at, text.indexOf("\r\n", at)));
                in.readNBytes(length);
                return true;
            }
        }
        return false;
    }

    /** Stops listening and drops every connection (as a killed instance). */
    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : accepted) {
            socket.close();
        }
    }
}
