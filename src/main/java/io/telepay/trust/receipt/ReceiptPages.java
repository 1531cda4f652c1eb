package io.telepay.trust.receipt;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import io.telepay.shared.NotFound;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /receipts/{token}}: the charge as the cardholder's receipt links to it, with "I did not authorize this",
 * which asks what happened and for a confirmation before it reports the charge. Server-rendered, no JavaScript;
 * an unknown or expired link is a 404 page.
 */
@Controller
class ReceiptPages {

    static final int MAX_DETAILS = 2000;
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final Receipts receipts;
    private final ZoneId zone;

    ReceiptPages(Receipts receipts, @Value("${telepay.trust.time-zone}") String zone) {
        this.receipts = receipts;
        this.zone = ZoneId.of(zone);
    }

    @GetMapping("/receipts/{token}")
    String receipt(@PathVariable String token, Model model, HttpServletResponse response) {
        Optional<ReceiptView> receipt = receipts.byToken(token);
        if (receipt.isEmpty()) {
            response.setStatus(404);
            return "trust/receipt-gone";
        }
        show(model, receipt.get());
        model.addAttribute("token", token);
        return "trust/receipt";
    }

    /** Before anything is reported: what happened, in the cardholder's words if they like, and a confirmation. */
    @GetMapping("/receipts/{token}/dispute")
    String question(@PathVariable String token, Model model, HttpServletResponse response) {
        Optional<ReceiptView> receipt = receipts.byToken(token);
        if (receipt.isEmpty()) {
            response.setStatus(404);
            return "trust/receipt-gone";
        }
        if (receipt.get().disputed()) {
            return "redirect:/receipts/" + token;
        }
        return question(model, token, receipt.get(), null, "", Set.of());
    }

    @PostMapping("/receipts/{token}/dispute")
    String dispute(@PathVariable String token, @RequestParam(required = false) String what,
                   @RequestParam(required = false) String details, @RequestParam(required = false) String confirmed,
                   Model model, HttpServletResponse response) {
        Optional<ReceiptView> receipt = receipts.byToken(token);
        if (receipt.isEmpty()) {
            response.setStatus(404);
            return "trust/receipt-gone";
        }
        WhatHappened happened = Arrays.stream(WhatHappened.values()).filter(w -> w.name().equals(what)).findFirst().orElse(null);
        String words = details == null ? "" : details.strip();
        Set<String> missing = new LinkedHashSet<>();
        if (happened == null) {
            missing.add("what");
        }
        if (words.length() > MAX_DETAILS) {
            missing.add("details");
        }
        if (!"yes".equals(confirmed)) {
            missing.add("confirmed");
        }
        if (!missing.isEmpty() && !receipt.get().disputed()) {
            response.setStatus(422);
            return question(model, token, receipt.get(), happened, words, missing);
        }
        try {
            model.addAttribute("disputed", receipts.dispute(token, happened == null ? WhatHappened.NOT_RECOGNISED : happened, words));
        } catch (NotFound gone) {
            response.setStatus(404);
            return "trust/receipt-gone";
        }
        show(model, receipts.byToken(token).orElseThrow());
        return "trust/receipt-disputed";
    }

    private String question(Model model, String token, ReceiptView receipt, WhatHappened chosen, String details, Set<String> missing) {
        show(model, receipt);
        model.addAttribute("token", token);
        model.addAttribute("choices", WhatHappened.values());
        model.addAttribute("chosen", chosen);
        model.addAttribute("details", details);
        model.addAttribute("missing", missing);
        model.addAttribute("maxDetails", MAX_DETAILS);
        return "trust/receipt-dispute";
    }

    /** A refund as the receipt lists it: the amount and when, in the receipt's time zone. */
    record RefundLine(io.telepay.shared.Money amount, String at) {
    }

    private void show(Model model, ReceiptView receipt) {
        model.addAttribute("receipt", receipt);
        model.addAttribute("capturedAt", SHOWN.format(receipt.capturedAt().atZone(zone)) + " (" + zone.getId() + ")");
        model.addAttribute("refunds", receipt.refunds().stream()
                .map(r -> new RefundLine(r.amount(), SHOWN.format(r.at().atZone(zone)) + " (" + zone.getId() + ")")).toList());
        model.addAttribute("refundedTotal", receipt.refunds().stream().map(ReceiptView.Refund::amount)
                .reduce(io.telepay.shared.Money::plus).orElse(null));
    }
}
