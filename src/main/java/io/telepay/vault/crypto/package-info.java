/**
 * The vault's cryptography, free of Spring and the database: Tink keysets, their wrapping under the
 * key-encryption key, and the card cipher that seals numbers under a token and fingerprints them.
 * Internal to the vault module; public only so the vault's root package and its benchmark can use it.
 */
package io.telepay.vault.crypto;
