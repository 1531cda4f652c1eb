package io.telepay.trust.receipt;

import io.telepay.shared.NotFound;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The receipt page's JSON twin, for apps: the charge, and "I did not authorize this". No sign-in: the token is the key. */
@RestController
class PublicReceiptController {

    private final Receipts receipts;

    PublicReceiptController(Receipts receipts) {
        this.receipts = receipts;
    }

    @GetMapping("/api/v1/public/receipts/{token}")
    ReceiptView receipt(@PathVariable String token) {
        return receipts.byToken(token).orElseThrow(() -> new NotFound("receipt", "for this link"));
    }

    @PostMapping("/api/v1/public/receipts/{token}/dispute")
    Disputed dispute(@PathVariable String token) {
        return receipts.dispute(token, WhatHappened.NOT_RECOGNISED, null);
    }
}
