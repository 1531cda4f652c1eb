package io.telepay.trust.caller;

import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;
import io.telepay.call.CallSummary;
import io.telepay.call.Calls;
import io.telepay.customer.CustomerDirectory;
import io.telepay.customer.PhoneNumbers;
import io.telepay.identity.StaffDirectory;
import io.telepay.identity.StaffUser;
import io.telepay.shared.InvalidInput;
import io.telepay.trust.abuse.PublicLimits;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Answers "did this company really call me?" for anyone, without signing in: by the number that
 * called (is it one of ours, and is one of our agents on a call with your number right now?) or by the
 * code the agent gave (is that a call of ours, live now?).
 *
 * <p>No answer tells whether someone is a customer: a number that belongs to no customer and a
 * customer's number that is on no call get the same answer, after the same queries, under the same
 * per-number limit. Only a call that is live right now is confirmed — to the person on it.
 */
@Service
class CallerChecks {

    private final OutboundNumbers numbers;
    private final CallCodes codes;
    private final CallsInProgress live;
    private final Calls calls;
    private final CustomerDirectory customers;
    private final StaffDirectory staff;
    private final PhoneNumbers phones;
    private final PublicLimits limits;
    private final MeterRegistry meters;
    private final String company;

    CallerChecks(OutboundNumbers numbers, CallCodes codes, CallsInProgress live, Calls calls, CustomerDirectory customers,
                 StaffDirectory staff, PhoneNumbers phones, PublicLimits limits, MeterRegistry meters,
                 @Value("${telepay.company-name}") String company) {
        this.numbers = numbers;
        this.codes = codes;
        this.live = live;
        this.calls = calls;
        this.customers = customers;
        this.staff = staff;
        this.phones = phones;
        this.limits = limits;
        this.meters = meters;
        this.company = company;
    }

    /**
     * @param phone     the number that called the consumer
     * @param yourPhone the consumer's own number, or null to ask only about {@code phone}
     * @throws InvalidInput naming {@code phone} or {@code yourPhone} when it is not a phone number
     * @throws io.telepay.trust.abuse.TooManyRequests when {@code yourPhone} was asked about too often
     */
    CallerCheck byNumber(String phone, String yourPhone) {
        String caller = phones.normalize(phone, "phone");
        String own = yourPhone == null || yourPhone.isBlank() ? null : phones.normalize(yourPhone, "yourPhone");
        boolean ours = numbers.registered(caller);
        Optional<CallSummary> call = Optional.empty();
        if (own != null) {
            limits.byPhone(own);
            call = live.withCustomer(customers.idForPhone(own).orElse(null));
        }
        count("number", ours);
        return new CallerCheck(ours, company, call.map(c -> agentName(c.agentId())).orElse(null), call.isPresent());
    }

    /** A forged, mistyped or expired code (its call ended) gets {@code verified: false}, nothing more. */
    CallerCheck byCode(String code) {
        Optional<CallSummary> call = codes.match(code)
                .flatMap(match -> calls.summary(match.callId()))
                .filter(c -> "ACTIVE".equals(c.status()));
        count("code", call.isPresent());
        return new CallerCheck(call.isPresent(), company, call.map(c -> agentName(c.agentId())).orElse(null), call.isPresent());
    }

    String company() {
        return company;
    }

    private String agentName(String agentId) {
        return staff.find(agentId).map(StaffUser::firstName).orElse(null);
    }

    private void count(String kind, boolean verified) {
        meters.counter("telepay.trust.caller_checks", "kind", kind, "verified", Boolean.toString(verified)).increment();
    }
}
