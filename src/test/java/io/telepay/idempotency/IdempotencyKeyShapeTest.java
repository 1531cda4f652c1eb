package io.telepay.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdempotencyKeyShapeTest {

    @Test
    void acceptsOneTo255PrintableAsciiCharacters() {
        assertThat(IdempotencyInterceptor.validKey("a")).isTrue();
        assertThat(IdempotencyInterceptor.validKey("order 2026-11-28 #42 / retry:1")).isTrue();
        assertThat(IdempotencyInterceptor.validKey("550e8400-e29b-41d4-a716-446655440000")).isTrue();
        assertThat(IdempotencyInterceptor.validKey("x".repeat(255))).isTrue();
    }

    @Test
    void refusesEmptyBlankTooLongNonAsciiAndControlCharacters() {
        assertThat(IdempotencyInterceptor.validKey("")).isFalse();
        assertThat(IdempotencyInterceptor.validKey("   ")).isFalse();
        assertThat(IdempotencyInterceptor.validKey("x".repeat(256))).isFalse();
        assertThat(IdempotencyInterceptor.validKey("訂單-42")).isFalse();
        assertThat(IdempotencyInterceptor.validKey("a\tb")).isFalse();
        assertThat(IdempotencyInterceptor.validKey("a\u007Fb")).isFalse();
    }
}
