package io.telepay.idempotency;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a controller method honour the {@code Idempotency-Key} header (API.md). The header is
 * optional: without it the request simply runs. With it, per caller and key, for 24 hours:
 * <ul>
 *   <li>the same method, path and body get the first response replayed exactly — status, body,
 *       {@code Content-Type}, {@code Location} — with {@code Idempotent-Replayed: true};</li>
 *   <li>another body, method or path is refused with 409 ({@code idempotency-key-reused});</li>
 *   <li>a retry while the first request still runs is refused with 409
 *       ({@code idempotency-key-in-progress}) and {@code Retry-After: 1}; it never waits, so a
 *       stuck request cannot pile up threads;</li>
 *   <li>a 4xx answer is kept and replayed like a success; a 5xx answer (or an exception nothing
 *       answered) releases the key, so the client may retry with it.</li>
 * </ul>
 * The handler runs at most once per key across all server instances: the key is claimed by an
 * insert that only one of them can make.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface Idempotent {
}
