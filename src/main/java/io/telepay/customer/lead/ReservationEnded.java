package io.telepay.customer.lead;

import io.telepay.shared.StateConflict;

/** 409: the agent's reservation of the lead ran out (it may be someone else's now). */
public class ReservationEnded extends StateConflict {

    ReservationEnded(String leadId) {
        super("reservation-ended", "The reservation of lead " + leadId + " has ended; ask for the next lead");
    }
}
