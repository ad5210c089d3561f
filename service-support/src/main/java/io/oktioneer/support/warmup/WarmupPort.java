package io.oktioneer.support.warmup;

import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;

/**
 * Keeps the service's own port closed while it warms up, so callers routed by port rather than by readiness
 * (the single-machine gateway) get a connection refused at once — a fast 502 — instead of a cold instance's
 * late answers. The warm-up calls go to a second connector of their own on a free loopback port. Tomcat binds
 * the main connector on start rather than on init here, so stopping it releases the port and starting it binds
 * it again. Only for a fixed port (a random port, 0, would come back as another one).
 */
public class WarmupPort implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    private static final Logger log = LoggerFactory.getLogger(WarmupPort.class);

    private final WarmupProperties properties;
    private final Connector warmupConnector = new Connector();
    private volatile Connector main;

    public WarmupPort(WarmupProperties properties) {
        this.properties = properties;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        if (!properties.enabled() || factory.getPort() <= 0) {
            return;
        }
        warmupConnector.setPort(0);
        warmupConnector.setProperty("address", "127.0.0.1");
        factory.addAdditionalConnectors(warmupConnector);
        factory.addConnectorCustomizers(connector -> connector.setProperty("bindOnInit", "false"));
    }

    /** Right after the web server started: closes the main port until {@link #open()}. */
    @EventListener
    void onWebServerStarted(WebServerInitializedEvent event) {
        if (!properties.enabled() || !(event.getWebServer() instanceof TomcatWebServer tomcat)
                || warmupConnector.getLocalPort() <= 0) {
            return;
        }
        Connector connector = tomcat.getTomcat().getConnector();
        try {
            connector.stop();
            main = connector;
            log.info("port {} closed until the warm-up is done (warm-up port {})", connector.getPort(),
                    warmupConnector.getLocalPort());
        } catch (LifecycleException e) {
            log.warn("could not close port {} for the warm-up: {}", connector.getPort(), e.toString());
        }
    }

    /** The port the warm-up calls: its own connector's while the main one is closed, else the main port. */
    public int port(int mainPort) {
        return main != null ? warmupConnector.getLocalPort() : mainPort;
    }

    /** Opens the main port again and closes the warm-up's. */
    public void open() {
        Connector connector = main;
        if (connector == null) {
            return;
        }
        try {
            connector.start();
            main = null;
            warmupConnector.stop();
        } catch (LifecycleException e) {
            throw new IllegalStateException("could not open port " + connector.getPort() + " after the warm-up", e);
        }
    }
}
