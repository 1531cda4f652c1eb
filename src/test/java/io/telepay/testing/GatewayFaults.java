package io.telepay.testing;

import java.util.concurrent.atomic.AtomicReference;

import io.telepay.gateway.AuthorizationRequest;
import io.telepay.gateway.GatewayOutcome;
import io.telepay.gateway.GatewayResult;
import io.telepay.gateway.GatewayStatus;
import io.telepay.gateway.PaymentGateway;
import io.telepay.shared.Money;

/**
 * The sandbox acquirer with faults the tests switch on: the connection breaks before the acquirer sees
 * a capture, void or refund, or after it processed it (the answer is lost). Off by default, when every
 * call goes straight through. The system tests' context uses it as the {@link PaymentGateway}.
 */
public class GatewayFaults implements PaymentGateway {

    public enum Fault { NONE, BREAK_BEFORE, LOSE_ANSWER }

    private final PaymentGateway acquirer;
    private final AtomicReference<Fault> operations = new AtomicReference<>(Fault.NONE);
    private volatile boolean statusUnreachable;

    public GatewayFaults(PaymentGateway acquirer) {
        this.acquirer = acquirer;
    }

    /** Applies the fault to every capture, void and refund until {@link #clear()}. */
    public void onOperations(Fault fault) {
        operations.set(fault);
    }

    /** Every status question (the reconciler's) times out while set. */
    public void statusUnreachable(boolean unreachable) {
        statusUnreachable = unreachable;
    }

    public void clear() {
        operations.set(Fault.NONE);
        statusUnreachable = false;
    }

    @Override
    public GatewayResult authorize(AuthorizationRequest request) {
        return acquirer.authorize(request);
    }

    @Override
    public GatewayResult capture(String reference, String operationReference, Money amount) {
        return faulty(() -> acquirer.capture(reference, operationReference, amount));
    }

    @Override
    public GatewayResult voidAuthorization(String reference, String operationReference) {
        return faulty(() -> acquirer.voidAuthorization(reference, operationReference));
    }

    @Override
    public GatewayResult refund(String reference, String operationReference, Money amount) {
        return faulty(() -> acquirer.refund(reference, operationReference, amount));
    }

    @Override
    public GatewayStatus status(String reference) {
        unreachable();
        return acquirer.status(reference);
    }

    @Override
    public GatewayOutcome operationStatus(String operationReference) {
        unreachable();
        return acquirer.operationStatus(operationReference);
    }

    private void unreachable() {
        if (statusUnreachable) {
            throw new java.io.UncheckedIOException(new java.net.SocketTimeoutException("read timed out"));
        }
    }

    private GatewayResult faulty(java.util.function.Supplier<GatewayResult> call) {
        switch (operations.get()) {
            case BREAK_BEFORE -> throw new java.io.UncheckedIOException(new java.net.SocketTimeoutException("connect timed out"));
            case LOSE_ANSWER -> {
                call.get();
                throw new java.io.UncheckedIOException(new java.net.SocketTimeoutException("read timed out"));
            }
            default -> {
                return call.get();
            }
        }
    }
}
