package io.telepay.notify.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.telepay.shared.PublicEvent;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;

/** The subscribable types come from the class names of public events; nothing may make them disagree. */
class EventTypesTest {

    @Test
    void theTypeIsTheRecordNameInDottedLowerCase() {
        record PaymentSessionCreated() implements PublicEvent {
        }
        record IVRCaptureFailed() implements PublicEvent {
        }
        assertThat(new PaymentSessionCreated().eventType()).isEqualTo("payment.session.created");
        assertThat(PublicEvent.typeOf(IVRCaptureFailed.class)).isEqualTo("ivr.capture.failed");
    }

    @Test
    void theSalesEventsAreSubscribable() {
        assertThat(EventTypes.scan("io.telepay").all()).contains("order.confirmed", "order.paid", "order.cancelled",
                "payment.captured", "payment.declined", "payment.session.created", "fulfilment.completed");
    }

    @Test
    void aComponentNamedTypeIsNotTheEventType() {
        record ShipmentSent(String type) implements PublicEvent {
        }
        assertThat(new ShipmentSent("SHIPMENT").eventType()).isEqualTo("shipment.sent");
    }

    @Test
    void noPublicEventOverridesItsTypeOrDeclaresAnotherOne() throws Exception {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AssignableTypeFilter(PublicEvent.class));
        var found = scanner.findCandidateComponents("io.telepay");
        assertThat(found).hasSizeGreaterThanOrEqualTo(7);
        for (var candidate : found) {
            Class<?> event = Class.forName(candidate.getBeanClassName());
            assertThat(event.getMethod("eventType").getDeclaringClass()).as(event.getName()).isEqualTo(PublicEvent.class);
            boolean typeIsAComponent = event.isRecord() && java.util.Arrays.stream(event.getRecordComponents())
                    .anyMatch(c -> c.getName().equals("type"));
            boolean declaresType = java.util.Arrays.stream(event.getDeclaredMethods())
                    .anyMatch(m -> m.getName().equals("type") && m.getParameterCount() == 0);
            assertThat(declaresType && !typeIsAComponent)
                    .as("%s declares type(): the event type comes from the class name (%s); remove it", event.getName(),
                            PublicEvent.typeOf(event))
                    .isFalse();
        }
    }
}
