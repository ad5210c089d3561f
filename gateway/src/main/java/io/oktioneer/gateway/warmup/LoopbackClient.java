package io.oktioneer.gateway.warmup;

import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.stereotype.Component;

/**
 * The gateway's own address over loopback and an HTTP client for it: plain http, or with TLS on (an SSL bundle
 * named by {@code server.ssl.bundle}), https trusting exactly the certificate the gateway serves.
 */
@Component
class LoopbackClient implements Supplier<HttpClient> {

    private final SslBundle bundle;

    LoopbackClient(@Value("${server.ssl.bundle:}") String bundleName, SslBundles bundles) {
        this.bundle = bundleName.isBlank() ? null : bundles.getBundle(bundleName);
    }

    String baseUrl(int port) {
        return (bundle == null ? "http" : "https") + "://127.0.0.1:" + port;
    }

    @Override
    public HttpClient get() {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2));
        return bundle == null ? builder.build() : builder.sslContext(trustingOwnCertificate()).build();
    }

    private SSLContext trustingOwnCertificate() {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(bundle.getStores().getKeyStore());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS client for the warm-up: " + e.getMessage(), e);
        }
    }
}
