package io.telepay.trust.receipt;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import io.telepay.shared.NotFound;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * {@code /receipts/{token}}: the charge as the cardholder's receipt links to it, with the button "I did
 * not authorize this". Server-rendered, no JavaScript; an unknown or expired link is a 404 page.
 */
@Controller
class ReceiptPages {

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

    @PostMapping("/receipts/{token}/dispute")
    String dispute(@PathVariable String token, Model model, HttpServletResponse response) {
        try {
            model.addAttribute("disputed", receipts.dispute(token));
        } catch (NotFound gone) {
            response.setStatus(404);
            return "trust/receipt-gone";
        }
        show(model, receipts.byToken(token).orElseThrow());
        return "trust/receipt-disputed";
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
