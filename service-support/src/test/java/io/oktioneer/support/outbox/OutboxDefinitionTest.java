package io.oktioneer.support.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

class OutboxDefinitionTest {

    @Test
    void anOutboxTableIsAPlainName() {
        NewTopic topic = new NewTopic("t", 1, (short) 1);
        assertThat(new OutboxDefinition("outbox", topic).table()).isEqualTo("outbox");
        assertThat(new OutboxDefinition("audit.outbox_2", topic).table()).isEqualTo("audit.outbox_2");
        assertThatThrownBy(() -> new OutboxDefinition("outbox; DROP TABLE users", topic))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
