package io.oktioneer.gateway.apikey;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Keeps {@link ApiKeyRegistry} in step with PostgreSQL from its own thread, never on a request: first it
 * migrates the schema and reads every active key, then every {@code refresh} it reads the rows changed since
 * (keys created or revoked through another replica), so a revocation anywhere takes effect here within one
 * refresh. PostgreSQL down at start does not stop the gateway: this keeps trying and readiness reports it.
 */
public class ApiKeyRefresher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ApiKeyRefresher.class);
    /** Rows committed a little after a later-stamped row are still seen: each read overlaps the last. */
    private static final Duration OVERLAP = Duration.ofSeconds(10);

    private final Flyway flyway;
    private final ApiKeyRepository repository;
    private final ApiKeyRegistry registry;
    private final Duration refresh;
    private ScheduledExecutorService executor;
    private boolean migrated;
    private Instant watermark;
    private volatile String lastError;

    public ApiKeyRefresher(Flyway flyway, ApiKeyRepository repository, ApiKeyRegistry registry, Duration refresh) {
        this.flyway = flyway;
        this.repository = repository;
        this.registry = registry;
        this.refresh = refresh;
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "api-key-refresh");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::refreshSafely, 0, refresh.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }

    /** Why the last read failed, or null when it worked. */
    public String lastError() {
        return lastError;
    }

    private void refreshSafely() {
        try {
            refresh();
            if (lastError != null) {
                log.info("API key store reachable again ({} active keys)", registry.size());
            }
            lastError = null;
        } catch (RuntimeException e) {
            if (lastError == null) {
                log.warn("API key store unreachable, keeping the keys already loaded: {}", e.toString());
            }
            lastError = e.getClass().getSimpleName();
        }
    }

    void refresh() {
        if (!migrated) {
            flyway.migrate();
            migrated = true;
        }
        List<StoredApiKey> rows;
        if (watermark == null) {
            Instant readStart = repository.now();
            rows = repository.active();
            watermark = readStart;
        } else {
            rows = repository.changedAfter(watermark.minus(OVERLAP));
        }
        registry.apply(rows);
        for (StoredApiKey row : rows) {
            if (row.updatedAt().isAfter(watermark)) {
                watermark = row.updatedAt();
            }
        }
        if (!registry.loaded()) {
            registry.markLoaded();
            log.info("API keys loaded ({} active)", registry.size());
        }
    }
}
