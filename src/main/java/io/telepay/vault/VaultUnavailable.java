package io.telepay.vault;

import java.util.List;

import io.telepay.shared.TelepayProblem;

/**
 * 503: the vault cannot encrypt or decrypt, because no key-encryption key is configured or it does not
 * open the stored keys. The vault fails closed: no card is taken until an operator fixes it.
 */
public class VaultUnavailable extends TelepayProblem {

    VaultUnavailable() {
        super(503, "vault-unavailable", "Card payments are unavailable right now; please try again later", List.of());
    }
}
