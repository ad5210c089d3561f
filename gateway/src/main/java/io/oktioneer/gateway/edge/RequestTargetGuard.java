package io.oktioneer.gateway.edge;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import io.oktioneer.contracts.InternalHeaders;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.stereotype.Component;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

/**
 * Malformed requests that Spring never sees, answered in problem+json like every other refusal.
 *
 * <p>Spring's Reactor adapter builds a {@code java.net.URI} of every request target and answers 400 with an
 * empty body when that fails (a lone {@code %}, {@code %G1}, a raw {@code \} or {@code "}): no filter runs. This
 * handler sits right behind Netty's HTTP decoder: a target that is not RFC 3986 is percent-escaped so that it
 * parses, and marked ({@link #MALFORMED}); {@link EdgeFilter} then refuses it with 400 before anything else. A
 * request Netty could not decode at all (bad request line, line or headers too long) is answered here and the
 * connection closed: its bytes cannot be trusted further.
 */
@Component
@ChannelHandler.Sharable
class RequestTargetGuard extends ChannelInboundHandlerAdapter implements NettyServerCustomizer {

    /** Set only by this handler (a client-sent one is removed); never forwarded (internal prefix). */
    static final String MALFORMED = InternalHeaders.PREFIX + "Malformed-Target";

    private static final String NAME = "oktioneer.requestTargetGuard";

    @Override
    public HttpServer apply(HttpServer server) {
        return server.doOnChannelInit((observer, channel, remote) -> {
            if (channel.pipeline().get(NettyPipeline.HttpCodec) != null && channel.pipeline().get(NAME) == null) {
                channel.pipeline().addAfter(NettyPipeline.HttpCodec, NAME, this);
            }
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request) {
            if (request.decoderResult().isFailure()) {
                ReferenceCountUtil.release(msg);
                refuse(ctx, request.decoderResult().cause());
                return;
            }
            String uri = request.uri();
            if (wellFormed(uri)) {
                if (request.headers().contains(MALFORMED)) {
                    request.headers().remove(MALFORMED);
                }
            } else {
                request.setUri(escape(uri));
                request.headers().set(MALFORMED, "true");
            }
        }
        ctx.fireChannelRead(msg);
    }

    /** RFC 3986 characters only, every {@code %} followed by two hex digits (the common case: one pass, no copy). */
    static boolean wellFormed(String uri) {
        int length = uri.length();
        if (length == 0) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = uri.charAt(i);
            if (c == '%') {
                if (i + 2 >= length || !hex(uri.charAt(i + 1)) || !hex(uri.charAt(i + 2))) {
                    return false;
                }
                i += 2;
            } else if (!allowed(c)) {
                return false;
            }
        }
        return true;
    }

    /** The target with every character {@link #wellFormed} refuses percent-encoded (UTF-8). */
    static String escape(String uri) {
        StringBuilder out = new StringBuilder(uri.length() + 16);
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            boolean escapeOk = c == '%' && i + 2 < uri.length() && hex(uri.charAt(i + 1)) && hex(uri.charAt(i + 2));
            if (escapeOk || (c != '%' && allowed(c))) {
                out.append(c);
            } else {
                for (byte b : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) {
                    out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
                            .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
                }
            }
        }
        return out.length() == 0 ? "/" : out.toString();
    }

    private static boolean allowed(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "-._~!$&'()*+,;=:@/?".indexOf(c) >= 0;
    }

    private static boolean hex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static void refuse(ChannelHandlerContext ctx, Throwable cause) {
        HttpResponseStatus status;
        String detail;
        if (cause instanceof TooLongHttpLineException) {
            status = HttpResponseStatus.REQUEST_URI_TOO_LONG;
            detail = "The request line is too long.";
        } else if (cause instanceof TooLongHttpHeaderException) {
            status = HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
            detail = "The request headers are too large.";
        } else if (cause instanceof TooLongFrameException) {
            status = HttpResponseStatus.BAD_REQUEST;
            detail = "The request is too large to be read.";
        } else {
            status = HttpResponseStatus.BAD_REQUEST;
            detail = "The request is not valid HTTP/1.1 (request line or headers).";
        }
        String requestId = RequestIds.generate();
        String body = "{\"type\":\"about:blank\",\"title\":\"" + status.reasonPhrase() + "\",\"status\":"
                + status.code() + ",\"detail\":\"" + detail + "\",\"instance\":null,\"requestId\":\"" + requestId
                + "\"}";
        ByteBuf content = Unpooled.copiedBuffer(body, StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes())
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
                .set(InternalHeaders.REQUEST_ID, requestId);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}
