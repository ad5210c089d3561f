package io.oktioneer.auction.ledger;

import com.zaxxer.hikari.HikariDataSource;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.oktioneer.auction.auction.ReservationProperties;
import io.oktioneer.auction.metrics.AuctionMetrics;
import io.oktioneer.support.outbox.OutboxRelay;
import java.time.Clock;
import java.util.Properties;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.scheduling.annotation.EnableScheduling;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
class LedgerConfiguration {

    @Bean
    LedgerWriter ledgerWriter(DataSource dataSource, JsonMapper json, ReservationProperties reservations,
                              LedgerProperties properties, AuctionMetrics metrics, Clock clock, OutboxRelay relay,
                              MeterRegistry registry) {
        CircuitBreakerRegistry breakers = LedgerConnection.breakers(properties);
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(registry);
        return new LedgerWriter(writerConnections(dataSource, properties), new AuctionEvents(json),
                new BatchResolver.Policy(reservations.grace(), reservations.ttl()), properties, metrics, clock,
                relay::committed, breakers.circuitBreaker(LedgerConnection.BREAKER));
    }

    /**
     * The writer's own connections, outside the pool: the pool's wait for a connection (seconds while PostgreSQL
     * is down) is not bounded by a request's deadline. Same URL, credentials and driver settings as the pool,
     * plus a connect time-out.
     */
    static DataSource writerConnections(DataSource pool, LedgerProperties properties) {
        if (!(pool instanceof HikariDataSource hikari) || hikari.getJdbcUrl() == null) {
            return pool;
        }
        Properties driver = new Properties();
        driver.putAll(hikari.getDataSourceProperties());
        driver.putIfAbsent("connectTimeout", Long.toString(Math.max(1, properties.connectTimeout().toSeconds())));
        DriverManagerDataSource writer = new DriverManagerDataSource(hikari.getJdbcUrl());
        writer.setConnectionProperties(driver);
        writer.setUsername(hikari.getUsername());
        writer.setPassword(hikari.getPassword());
        return writer;
    }
}
