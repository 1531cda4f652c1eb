package io.telepay.outbox;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a bean, with one parameter, that hears the domain events of that type (or a subtype)
 * after the transaction that published them committed. The event is written to the outbox in that
 * transaction — never heard when it rolled back, never lost once it committed — and handed to the method
 * later, in a batch with others, in a transaction of the outbox's, at least once: a listener must
 * recognise an event it has already handled (by the id of what happened that the event carries). Events
 * of one payment (or order) reach one listener in the order they were published.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OutboxListener {
}
