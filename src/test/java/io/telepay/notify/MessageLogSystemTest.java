package io.telepay.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import io.telepay.testing.SystemTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Without providers configured (the embedded default) messages land in the message log. */
class MessageLogSystemTest extends SystemTest {

    @Autowired
    Messages messages;

    @Test
    void withoutProvidersAMessageIsDeliveredToTheMessageLog() {
        String id = messages.queue(new OutboundMessage(Channel.EMAIL, "chen@example.tw", "付款連結", "https://x/pay/tok",
                "PAY_LINK", "ps_demo"));
        await().atMost(Duration.ofSeconds(10)).until(() -> messages.find(id).orElseThrow().status().equals("SENT"));
        assertThat(messages.find(id).orElseThrow().provider()).isEqualTo("message-log");
    }

    @Test
    void anInvalidRecipientIsRefusedNamingTheField() {
        var e = org.assertj.core.api.Assertions.catchThrowableOfType(io.telepay.shared.InvalidInput.class,
                () -> new OutboundMessage(Channel.SMS, "0912345678", null, "x", "TEST", null));
        assertThat(e.errors().getFirst().field()).isEqualTo("to");
    }
}
