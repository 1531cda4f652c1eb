/**
 * The card vault: the only code that ever sees a card number. It validates cards, tokenizes them under
 * envelope-encrypted keys (Google Tink, AES-256-GCM) and identifies them by a keyed fingerprint, so
 * every other module works with a token, a brand, a BIN and a last 4.
 */
package io.telepay.vault;
