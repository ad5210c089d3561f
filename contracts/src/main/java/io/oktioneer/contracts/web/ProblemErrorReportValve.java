package io.oktioneer.contracts.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.Container;
import org.apache.catalina.Host;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

/**
 * Tomcat's error report as RFC 9457 problem+json instead of its HTML page: every error Tomcat answers itself
 * (an encoded {@code /} or a bad escape in the path, TRACE, a body too large, a sendError nothing handled,
 * an exception no handler caught) comes back as {@code {"type","title","status","detail","instance"}}, with the
 * status' reason as the detail and never a message or stack trace. Spring MVC's own errors never get here
 * (service-support's {@code ProblemHandler} answers them).
 *
 * <p>Installed as the host's error report valve by {@link #install}, which each servlet service calls from a
 * Tomcat context customizer; the services also turn off Spring Boot's {@code /error} page
 * ({@code ErrorMvcAutoConfiguration}), so no error is forwarded there first.
 */
public final class ProblemErrorReportValve extends ErrorReportValve {

    /** Makes this valve the error report valve of the host the context belongs to (before it starts). */
    public static void install(Container context) {
        Container parent = context.getParent();
        if (parent instanceof StandardHost host) {
            host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
        } else if (parent instanceof Host) {
            throw new IllegalStateException("not a StandardHost: " + parent.getClass().getName());
        }
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        try {
            response.resetBuffer();
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body(status, requestUri(request)));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response was committed meanwhile: nothing more to say
        }
    }

    static String body(int status, String instance) {
        String title = title(status);
        String detail = switch (status) {
            case HttpServletResponse.SC_BAD_REQUEST -> "The request is malformed (request line, path or headers).";
            case HttpServletResponse.SC_METHOD_NOT_ALLOWED -> "This method is not allowed on this path.";
            case HttpServletResponse.SC_INTERNAL_SERVER_ERROR -> "Unexpected error.";
            default -> title + ".";
        };
        return "{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\""
                + detail + "\",\"instance\":" + (instance == null ? "null" : "\"" + jsonEscape(instance) + "\"")
                + "}";
    }

    private static String requestUri(Request request) {
        try {
            return request.getRequestURI();
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 406 -> "Not Acceptable";
            case 408 -> "Request Timeout";
            case 411 -> "Length Required";
            case 413 -> "Content Too Large";
            case 414 -> "URI Too Long";
            case 415 -> "Unsupported Media Type";
            case 417 -> "Expectation Failed";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 503 -> "Service Unavailable";
            case 505 -> "HTTP Version Not Supported";
            default -> status < 500 ? "Client Error" : "Server Error";
        };
    }

    static String jsonEscape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f || c == '<' || c == '>') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
