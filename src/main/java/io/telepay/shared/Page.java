package io.telepay.shared;

import java.util.List;

/**
 * One page of a list, newest first unless the endpoint says otherwise. {@code nextCursor} is
 * passed back as {@code ?cursor=} to get the next page; null on the last page.
 */
public record Page<T>(List<T> items, String nextCursor) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    public static int limit(Integer requested) {
        if (requested == null) {
            return DEFAULT_LIMIT;
        }
        if (requested < 1 || requested > MAX_LIMIT) {
            throw new InvalidInput("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return requested;
    }
}
