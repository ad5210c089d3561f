package io.oktioneer.gateway.balancing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.client.ServiceInstance;

class InstancePoolTest {

    private static final URI A = URI.create("http://127.0.0.1:18082");
    private static final URI B = URI.create("http://127.0.0.1:18092/");

    private final InstancePool pool = new InstancePool("auction-service", List.of(A, B));

    @Test
    void offersEveryInstanceAtFirst() {
        assertThat(offered(pool)).containsExactly("127.0.0.1:18082", "127.0.0.1:18092");
        assertThat(pool.getServiceId()).isEqualTo("auction-service");
        assertThat(pool.get().blockFirst().getFirst().getServiceId()).isEqualTo("auction-service");
    }

    @Test
    void offersOnlyTheReadyInstancesAndTakesOneBackWhenReadyAgain() {
        InstancePool.Instance b = pool.instances().get(1);
        pool.report(b, false, "readiness answered 503");
        assertThat(offered(pool)).containsExactly("127.0.0.1:18082");
        pool.report(b, true, "");
        assertThat(offered(pool)).containsExactly("127.0.0.1:18082", "127.0.0.1:18092");
    }

    @Test
    void offersEveryInstanceWhenNoneIsReady() {
        pool.instances().forEach(instance -> pool.report(instance, false, "down"));
        assertThat(offered(pool)).containsExactly("127.0.0.1:18082", "127.0.0.1:18092");
    }

    @Test
    void theListOfferedChangesOnlyWhenAStateDoes() {
        var before = pool.get();
        pool.report(pool.instances().getFirst(), true, "");
        assertThat(pool.get()).isSameAs(before);
    }

    @Test
    void ejectsTheInstanceACallCouldNotConnectTo() {
        pool.eject(URI.create("http://127.0.0.1:18092/api/v1/auctions/evaluate"), "refused");
        assertThat(offered(pool)).containsExactly("127.0.0.1:18082");
        assertThat(pool.instances().get(1).ready()).isFalse();

        pool.eject(URI.create("http://127.0.0.1:9/elsewhere"), "refused");
        assertThat(offered(pool)).containsExactly("127.0.0.1:18082");
    }

    @Test
    void oneUrlIsOneInstanceAndDefaultPortsAreFilledIn() {
        InstancePool one = new InstancePool("history-consumer", List.of(URI.create("http://history-consumer")));
        assertThat(one.size()).isEqualTo(1);
        assertThat(offered(one)).containsExactly("history-consumer:80");
        InstancePool tls = new InstancePool("history-consumer", List.of(URI.create("https://history-consumer")));
        assertThat(tls.get().blockFirst().getFirst().isSecure()).isTrue();
        assertThat(offered(tls)).containsExactly("history-consumer:443");
    }

    @Test
    void refusesAnEmptyListADuplicateOrANonHttpUrl() {
        assertThatThrownBy(() -> new InstancePool("x", List.of())).hasMessageContaining("at least one");
        assertThatThrownBy(() -> new InstancePool("x", List.of(A, URI.create("http://127.0.0.1:18082/"))))
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> new InstancePool("x", List.of(URI.create("ftp://host:1"))))
                .hasMessageContaining("http");
    }

    private static List<String> offered(InstancePool pool) {
        return pool.get().blockFirst().stream().map(InstancePoolTest::hostPort).toList();
    }

    private static String hostPort(ServiceInstance instance) {
        return instance.getHost() + ":" + instance.getPort();
    }
}
