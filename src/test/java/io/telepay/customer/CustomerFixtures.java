package io.telepay.customer;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/** Realistic, unique test data for a shared database. */
public final class CustomerFixtures {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MOBILES = 90_000_000;
    /** Coprime with {@link #MOBILES}: stepping by it visits every number once before any repeats. */
    private static final int MOBILE_STEP = 7_777_777;
    private static final AtomicLong NEXT_MOBILE = new AtomicLong(RANDOM.nextInt(MOBILES));

    private CustomerFixtures() {
    }

    /**
     * A Taiwanese mobile number in E.164 that no other test uses (+886 9xx xxx xxx): never the same twice in one run
     * (independent random draws met one another a few runs in a hundred, and a customer's phone is unique), from a
     * random start so that reruns on one database rarely meet earlier rows either.
     */
    public static String taiwanMobile() {
        return "+8869" + (10_000_000 + Math.floorMod(NEXT_MOBILE.getAndAdd(MOBILE_STEP), MOBILES));
    }

    /** A mainland mobile number in E.164 (+86 13x xxxx xxxx). */
    public static String mainlandMobile() {
        return "+8613" + RANDOM.nextInt(10) + (10_000_000 + RANDOM.nextInt(90_000_000));
    }

    /** The Taiwanese number as people type it at home: 0912-345-678. */
    public static String local(String taiwanE164) {
        String national = "0" + taiwanE164.substring(4);
        return national.substring(0, 4) + "-" + national.substring(4, 7) + "-" + national.substring(7);
    }
}
