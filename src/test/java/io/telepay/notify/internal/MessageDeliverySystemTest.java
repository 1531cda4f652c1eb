package io.telepay.notify.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpServer;
import io.telepay.notify.Channel;
import io.telepay.notify.Messages;
import io.telepay.notify.OutboundMessage;
import io.telepay.notify.SentMessage;
import io.telepay.shared.Role;
import io.telepay.testing.SystemTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/** Real providers: an HTTP SMS provider (a fake one on a local port) and SMTP (GreenMail). */
class MessageDeliverySystemTest extends SystemTest {

    static final GreenMail SMTP = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    static final HttpServer SMS_PROVIDER;
    static final List<String> SMS_RECEIVED = new CopyOnWriteArrayList<>();
    static final AtomicInteger SMS_FAILURES_TO_GO = new AtomicInteger();
    static final AtomicInteger SMS_STATUS_WHEN_FAILING = new AtomicInteger(503);

    static {
        try {
            SMS_PROVIDER = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        SMS_PROVIDER.createContext("/sms", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            boolean authorized = "Bearer sms-token".equals(exchange.getRequestHeaders().getFirst("Authorization"));
            int status = !authorized ? 401 : SMS_FAILURES_TO_GO.getAndDecrement() > 0 ? SMS_STATUS_WHEN_FAILING.get() : 200;
            if (status == 200) {
                SMS_RECEIVED.add(body);
            }
            byte[] answer = "{\"id\":\"prov-1\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        SMS_PROVIDER.start();
        SMTP.start();
    }

    @AfterAll
    static void stop() {
        SMS_PROVIDER.stop(0);
        SMTP.stop();
    }

    @DynamicPropertySource
    static void providers(DynamicPropertyRegistry registry) {
        registry.add("telepay.notify.sms.url", () -> "http://127.0.0.1:" + SMS_PROVIDER.getAddress().getPort() + "/sms");
        registry.add("telepay.notify.sms.token", () -> "sms-token");
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
        registry.add("spring.mail.properties.mail.smtp.starttls.enable", () -> "false");
    }

    @Autowired
    Messages messages;

    @Autowired
    MessageDispatcher dispatcher;

    @Autowired
    TransactionTemplate tx;

    @BeforeEach
    void reset() {
        SMS_FAILURES_TO_GO.set(0);
        SMS_STATUS_WHEN_FAILING.set(503);
    }

    private String queue(OutboundMessage message) {
        return tx.execute(status -> messages.queue(message));
    }

    private SentMessage awaitStatus(String id, String status) {
        await().atMost(Duration.ofSeconds(10)).until(() -> messages.find(id).orElseThrow().status().equals(status));
        return messages.find(id).orElseThrow();
    }

    @Test
    void anSmsGoesToTheProviderAfterTheTransactionCommits() {
        String id = queue(new OutboundMessage(Channel.SMS, "+886912345678", null, "您的付款連結 https://pay.example/p/abc",
                "PAY_LINK", "ps_test1"));
        SentMessage sent = awaitStatus(id, "SENT");
        assertThat(sent.provider()).isEqualTo("sms-provider:prov-1");
        assertThat(SMS_RECEIVED).anyMatch(body -> body.contains("+886912345678") && body.contains("您的付款連結"));
    }

    @Test
    void nothingIsSentWhenTheTransactionRollsBack() {
        String[] id = new String[1];
        tx.executeWithoutResult(status -> {
            id[0] = messages.queue(new OutboundMessage(Channel.SMS, "+8613800138000", null, "rolled back", "TEST", "ps_rb"));
            status.setRollbackOnly();
        });
        assertThat(messages.find(id[0])).isEmpty();
    }

    @Test
    void aFailingProviderIsRetriedWithBackOffUntilItAccepts() {
        SMS_FAILURES_TO_GO.set(1);
        String id = queue(new OutboundMessage(Channel.SMS, "+886987654321", null, "retry me", "TEST", "ps_retry"));
        SentMessage retrying = awaitStatus(id, "RETRYING");
        assertThat(retrying.lastError()).contains("503");

        dispatcher.sweep();
        assertThat(messages.find(id).orElseThrow().status()).as("not before the back-off").isEqualTo("RETRYING");
        clock.advance(Duration.ofSeconds(11));
        dispatcher.sweep();
        SentMessage sent = messages.find(id).orElseThrow();
        assertThat(sent.status()).isEqualTo("SENT");
        assertThat(sent.attempts()).isEqualTo(2);
    }

    @Test
    void aRejectedNumberIsNotRetried() {
        SMS_FAILURES_TO_GO.set(1);
        SMS_STATUS_WHEN_FAILING.set(400);
        String id = queue(new OutboundMessage(Channel.SMS, "+886911111111", null, "bad number", "TEST", "ps_bad"));
        assertThat(awaitStatus(id, "FAILED").attempts()).isEqualTo(1);
    }

    @Test
    void anEmailGoesOutOverSmtpInUtf8() throws Exception {
        String id = queue(new OutboundMessage(Channel.EMAIL, "wang.fang@example.cn", "收据 Receipt", "您已支付 ¥199.00",
                "RECEIPT", "pay_test"));
        awaitStatus(id, "SENT");
        var received = SMTP.getReceivedMessagesForDomain("example.cn");
        assertThat(received).hasSize(1);
        assertThat(received[0].getSubject()).isEqualTo("收据 Receipt");
        assertThat(GreenMailUtil.getBody(received[0])).isNotBlank();
        assertThat(received[0].getContent().toString()).contains("¥199.00");
    }

    @Test
    void theMessageLogIsForAdmins() {
        String id = queue(new OutboundMessage(Channel.SMS, "+886922222222", null, "log me", "TEST", "ps_log"));
        awaitStatus(id, "SENT");
        var page = as(Role.ADMIN).get("/api/v1/messages?reference=ps_log").json();
        assertThat(page.get("items").get(0).get("id").asString()).isEqualTo(id);
        assertThat(as(Role.AGENT).get("/api/v1/messages").status()).isEqualTo(403);
    }
}
