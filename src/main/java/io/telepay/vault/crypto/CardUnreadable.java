package io.telepay.vault.crypto;

/**
 * A stored ciphertext did not decrypt under its token: it was altered, moved to another token, or
 * sealed by a key this keyset does not hold. Names the token only.
 */
public class CardUnreadable extends RuntimeException {

    public CardUnreadable(String token) {
        super("card " + token + " cannot be decrypted: ciphertext or token altered, or its key is missing", null, false, false);
    }
}
