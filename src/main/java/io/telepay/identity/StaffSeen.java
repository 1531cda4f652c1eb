package io.telepay.identity;

import java.time.Instant;

/**
 * A staff member (or an API key acting for one) was seen from an address and, in the console, a device.
 * Published at most every few minutes per staff member, address and device, outside any transaction; the
 * risk engine keeps them for a while to recognise a pay page opened from a staff member's address or device.
 *
 * @param staffId   the user, or the API key when it acts for no user
 * @param address   the client address as the server sees it, never null
 * @param deviceId  the console's device cookie, or null (API clients)
 */
public record StaffSeen(String staffId, String address, String deviceId, Instant at) {
}
