package io.telepay.shared;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What a transaction collects to write in one go just before it commits (audit entries, outbox rows), and what to
 * do once it committed. One per owner and transaction; a nested new transaction has its own.
 */
public final class BeforeCommit<T> implements TransactionSynchronization {

    private final Object owner;
    private final Consumer<List<T>> write;
    private final Consumer<List<T>> committed;
    private final List<T> items = new ArrayList<>();
    private boolean written;

    private BeforeCommit(Object owner, Consumer<List<T>> write, Consumer<List<T>> committed) {
        this.owner = owner;
        this.write = write;
        this.committed = committed;
    }

    /**
     * The owner's collection in the current transaction, registered on first use.
     *
     * @throws IllegalStateException when no transaction is active
     */
    @SuppressWarnings("unchecked")
    public static <T> BeforeCommit<T> of(Object owner, Consumer<List<T>> write, Consumer<List<T>> committed) {
        for (TransactionSynchronization synchronization : TransactionSynchronizationManager.getSynchronizations()) {
            if (synchronization instanceof BeforeCommit<?> collected && collected.owner == owner) {
                return (BeforeCommit<T>) collected;
            }
        }
        BeforeCommit<T> collected = new BeforeCommit<>(owner, write, committed);
        TransactionSynchronizationManager.registerSynchronization(collected);
        return collected;
    }

    public void add(List<T> more) {
        if (written) {
            write.accept(more); // added by another synchronization's beforeCommit after ours: still before the commit
        }
        items.addAll(more);
    }

    @Override
    public void beforeCommit(boolean readOnly) {
        write.accept(List.copyOf(items));
        written = true;
    }

    @Override
    public void afterCommit() {
        committed.accept(List.copyOf(items));
    }
}
