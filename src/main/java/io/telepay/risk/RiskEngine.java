package io.telepay.risk;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Service;

/**
 * Screens a payment attempt. For now it checks the block and allow lists only: a listed card, phone,
 * e-mail or address on a block list declines before the gateway; an allow-list entry lets the payment
 * through. The rules engine replaces this with scored rules (the risk issue).
 */
@Service
public class RiskEngine {

    private final RiskLists lists;

    RiskEngine(RiskLists lists) {
        this.lists = lists;
    }

    /** The decision for the attempt; runs inside the payment's transaction. */
    public RiskDecision assess(RiskSubject subject) {
        Map<ListKind, String> values = new EnumMap<>(ListKind.class);
        values.put(ListKind.CARD, subject.cardFingerprint());
        values.put(ListKind.PHONE, subject.customerPhone());
        values.put(ListKind.EMAIL, subject.customerEmail() == null ? null : subject.customerEmail().toLowerCase(Locale.ROOT));
        values.put(ListKind.IP, subject.clientIp() == null ? null : subject.clientIp().toLowerCase(Locale.ROOT));
        List<ListEntry> hits = lists.matching(values);
        List<ListEntry> blocks = hits.stream().filter(e -> e.action() == RiskAction.BLOCK).toList();
        if (!blocks.isEmpty()) {
            return new RiskDecision(RiskAction.BLOCK, 100, blocks.stream().map(RiskEngine::describe).toList());
        }
        if (!hits.isEmpty()) {
            return new RiskDecision(RiskAction.ALLOW, 0, hits.stream().map(RiskEngine::describe).toList());
        }
        return RiskDecision.allow();
    }

    private static String describe(ListEntry entry) {
        String what = switch (entry.kind()) {
            case CARD -> "card";
            case PHONE -> "customer phone";
            case EMAIL -> "customer e-mail";
            case IP -> "client address";
        };
        return what + " is on the " + entry.action().name().toLowerCase(Locale.ROOT) + " list: " + entry.reason();
    }
}
