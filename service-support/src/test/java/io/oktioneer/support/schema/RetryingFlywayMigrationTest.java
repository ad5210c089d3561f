package io.oktioneer.support.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

class RetryingFlywayMigrationTest {

    @Test
    void migratesAtStartAndIsUp() {
        Flyway flyway = mock(Flyway.class);
        RetryingFlywayMigration migration = new RetryingFlywayMigration(Duration.ofSeconds(2));

        migration.migrate(flyway);

        verify(flyway).migrate();
        assertThat(migration.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void keepsRetryingInTheBackgroundWhileTheDatabaseIsDownAndSaysWhy() throws InterruptedException {
        Flyway flyway = mock(Flyway.class);
        when(flyway.migrate()).thenThrow(new FlywayException("Connection refused\nmore lines"),
                new FlywayException("still refused")).thenReturn(null);
        RetryingFlywayMigration migration = new RetryingFlywayMigration(Duration.ofMillis(20));

        migration.migrate(flyway);
        // the first attempt failed: start goes on, readiness says why
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!migration.migrated() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }

        assertThat(migration.migrated()).isTrue();
        verify(flyway, times(3)).migrate();
        assertThat(migration.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void isDownWithTheFirstLineOfTheLastError() {
        Flyway flyway = mock(Flyway.class);
        when(flyway.migrate()).thenThrow(new FlywayException("Connection refused\nstack of details"));
        RetryingFlywayMigration migration = new RetryingFlywayMigration(Duration.ofHours(1));

        assertThat(migration.tryMigrate(flyway)).isFalse();

        assertThat(migration.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(migration.health().getDetails()).containsEntry("error", "Connection refused");
    }
}
