package io.oktioneer.gateway.balancing;

import io.netty.channel.ChannelOption;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * One instance of a service behind the gateway, on a fixed port so it can be stopped and started again: answers
 * every call 200 with the body it received (header {@code X-Instance}: its port), and its readiness 200 or 503 as
 * set. A body containing {@code "die"} makes it die mid-call: the connection is reset without an answer.
 * {@link #stop()} closes its server socket and every connection, as a killed process would.
 */
final class StubInstance implements AutoCloseable {

    final AtomicInteger readinessChecks = new AtomicInteger();
    /** Bodies of the calls it received (readiness checks aside), in order. */
    final List<String> bodies = new CopyOnWriteArrayList<>();
    volatile boolean ready = true;

    private final int port;
    private volatile ChannelGroup connections;
    private volatile DisposableServer server;

    StubInstance() {
        this.server = bind(0);
        this.port = server.port();
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    synchronized void stop() {
        if (server != null) {
            server.disposeNow();
            connections.close().syncUninterruptibly();
            server = null;
        }
    }

    synchronized void start() {
        if (server == null) {
            server = bind(port);
        }
    }

    private DisposableServer bind(int onPort) {
        connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
        return HttpServer.create().host("127.0.0.1").port(onPort).channelGroup(connections)
                .handle((request, response) -> {
                    if (request.uri().equals("/actuator/health/readiness")) {
                        readinessChecks.incrementAndGet();
                        return response.status(ready ? 200 : 503).header("Content-Type", "application/json")
                                .sendString(Mono.just(ready ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\"}")).then();
                    }
                    return request.receive().aggregate().asString().defaultIfEmpty("").flatMap(body -> {
                        bodies.add(body);
                        if (body.contains("\"die\"")) {
                            request.withConnection(connection -> {
                                connection.channel().config().setOption(ChannelOption.SO_LINGER, 0);
                                connection.dispose();
                            });
                            return Mono.never();
                        }
                        return response.status(200).header("Content-Type", "application/json")
                                .header("X-Instance", Integer.toString(port))
                                .sendString(Mono.just(body)).then();
                    });
                }).bindNow();
    }

    @Override
    public void close() {
        stop();
    }
}
