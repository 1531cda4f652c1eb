package io.telepay.gateway.stripe;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.BalanceTransaction;
import com.stripe.model.BalanceTransactionSource;
import com.stripe.model.Charge;
import com.stripe.model.Refund;
import com.stripe.param.BalanceTransactionListParams;
import io.telepay.gateway.GatewayUnavailable;
import io.telepay.gateway.SettlementFiles;
import io.telepay.shared.Money;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Stripe's side of a day's settlement: the balance transactions created that UTC day
 * ({@code GET /v1/balance_transactions}, sources expanded), one line per charge captured and per refund,
 * named by the reference Telepay booked them under — {@code <payment>:sale} for a sale, the capture's or
 * the refund's operation id otherwise — with the amount in the payment's currency and Stripe's fee. A
 * charge or refund Telepay did not make gets Stripe's id as its reference, so the reconciliation reports
 * it missing in Telepay. Payouts, Stripe's fees and dispute adjustments are not captures or refunds and
 * are left out. A day not over yet has no lines ({@link Optional#empty()}).
 */
@Component
@ConditionalOnProperty(name = "telepay.gateway.provider", havingValue = "stripe")
class StripeBalanceSettlement implements SettlementFiles {

    private static final Logger log = LoggerFactory.getLogger(StripeBalanceSettlement.class);

    private final StripeClient stripe;
    private final StripeReferences references;
    private final java.time.Clock clock;

    StripeBalanceSettlement(StripeClient stripe, StripeReferences references, java.time.Clock clock) {
        this.stripe = stripe;
        this.references = references;
        this.clock = clock;
    }

    @Override
    public Optional<List<Line>> lines(LocalDate day) {
        Instant from = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        if (to.isAfter(clock.instant())) {
            return Optional.empty();
        }
        BalanceTransactionListParams params = BalanceTransactionListParams.builder()
                .setCreated(BalanceTransactionListParams.Created.builder().setGte(from.getEpochSecond()).setLt(to.getEpochSecond()).build())
                .setLimit(100L)
                .addExpand("data.source")
                .build();
        List<Line> lines = new ArrayList<>();
        try {
            for (BalanceTransaction transaction : stripe.v1().balanceTransactions().list(params).autoPagingIterable()) {
                line(lines.size() + 1, transaction).ifPresent(lines::add);
            }
        } catch (StripeException | RuntimeException e) {
            log.warn("Stripe's balance transactions for {} could not be read: {} {}", day, e.getClass().getSimpleName(),
                    e instanceof StripeException s ? s.getCode() : "");
            throw new GatewayUnavailable();
        }
        return Optional.of(lines);
    }

    private Optional<Line> line(int number, BalanceTransaction transaction) {
        String type = transaction.getType();
        boolean capture = "charge".equals(type) || "payment".equals(type);
        boolean refund = "refund".equals(type) || "payment_refund".equals(type);
        if (!capture && !refund) {
            return Optional.empty();
        }
        Instant at = Instant.ofEpochSecond(transaction.getCreated());
        Money fee = transaction.getFee() == null ? null : StripeAmounts.fromStripe(transaction.getFee(), transaction.getCurrency());
        String kind = capture ? "CAPTURE" : "REFUND";
        BalanceTransactionSource source = transaction.getSourceObject();
        if (transaction.getAmount() != null && transaction.getFee() != null && transaction.getNet() != null
                && transaction.getAmount() - transaction.getFee() != transaction.getNet()) {
            return Optional.of(new Line(number, transaction.getId(), transaction.getSource(), kind, null, at,
                    "amount less fee is not the net amount", fee));
        }
        return switch (source) {
            case Charge charge when capture -> {
                String payment = charge.getMetadata() == null ? null : charge.getMetadata().get(StripeGateway.METADATA_PAYMENT);
                Money amount = StripeAmounts.fromStripe(charge.getAmountCaptured(), charge.getCurrency());
                String reference = payment == null ? charge.getId() : references.approvedCapture(payment).orElse(payment + ":sale");
                yield Optional.of(new Line(number, reference, payment == null ? charge.getId() : payment, kind, amount, at, null, fee));
            }
            case Refund stripeRefund when refund -> {
                Map<String, String> metadata = stripeRefund.getMetadata() == null ? Map.of() : stripeRefund.getMetadata();
                String operation = metadata.get(StripeGateway.METADATA_OPERATION);
                if (operation == null) {
                    operation = references.operationOf(stripeRefund.getId()).orElse(stripeRefund.getId());
                }
                String payment = metadata.getOrDefault(StripeGateway.METADATA_PAYMENT, stripeRefund.getCharge());
                Money amount = StripeAmounts.fromStripe(stripeRefund.getAmount(), stripeRefund.getCurrency());
                yield Optional.of(new Line(number, operation, payment, kind, amount, at, null, fee));
            }
            case null, default -> Optional.of(new Line(number, transaction.getId(), transaction.getSource(), kind, null, at,
                    "the " + type + "'s source could not be read", fee));
        };
    }
}
