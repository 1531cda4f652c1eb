package io.telepay.identity.security;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.telepay.identity.StaffSeen;
import io.telepay.shared.Actor;
import io.telepay.shared.Actors;
import io.telepay.shared.Ids;
import io.telepay.shared.Role;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Tells the risk engine where staff work from (issue 17, the harvesting hole): every authenticated console or
 * API request publishes {@link StaffSeen} with its address and, in the console, a device id — at most once per
 * {@link #EVERY} for the same staff member, address and device, so it costs a map lookup per request.
 *
 * <p>The console's device id is a random cookie set on the console ({@code tp_staff_device}) and, with the same
 * value, on the pay page's path ({@code tp_device}): an agent who opens a pay link in their own console browser
 * brings their staff device to the pay page, where the risk engine recognises it. Runs after Spring Security.
 */
@Component
class StaffFootprintFilter extends OncePerRequestFilter {

    static final String STAFF_DEVICE_COOKIE = "tp_staff_device";
    /** The pay page's device cookie (payment's PayPage): same name, its path. */
    static final String PAY_DEVICE_COOKIE = "tp_device";
    static final Duration EVERY = Duration.ofMinutes(10);
    private static final int REMEMBERED = 10_000;

    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Map<String, Instant> lastPublished = new ConcurrentHashMap<>();

    StaffFootprintFilter(ApplicationEventPublisher events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Actor actor = Actors.find().orElse(null);
        // the IVR bridge's key is a machine, not a person who could open a pay page
        if (actor != null && actor.role() != Role.TELEPHONY && request.getRemoteAddr() != null) {
            String staffId = actor.userId() != null ? actor.userId() : actor.id();
            String device = null;
            if (request.getSession(false) != null) {
                device = cookie(request, STAFF_DEVICE_COOKIE);
                if (device == null) {
                    device = Ids.randomToken(16);
                    response.addCookie(deviceCookie(STAFF_DEVICE_COOKIE, device, "/", request.isSecure()));
                    response.addCookie(deviceCookie(PAY_DEVICE_COOKIE, device, "/pay", request.isSecure()));
                }
            }
            seen(staffId, request.getRemoteAddr(), device);
        }
        chain.doFilter(request, response);
    }

    private void seen(String staffId, String address, String device) {
        Instant now = clock.instant();
        String key = staffId + '|' + address + '|' + device;
        Instant last = lastPublished.get(key);
        if (last != null && last.plus(EVERY).isAfter(now)) {
            return;
        }
        if (lastPublished.size() > REMEMBERED) {
            lastPublished.clear(); // a burst of new keys costs a few more events, never memory
        }
        lastPublished.put(key, now);
        events.publishEvent(new StaffSeen(staffId, address, device, now));
    }

    private static Cookie deviceCookie(String name, String value, String path, boolean secure) {
        Cookie cookie = new Cookie(name, value);
        cookie.setPath(path);
        cookie.setHttpOnly(true);
        cookie.setSecure(secure);
        cookie.setMaxAge(365 * 24 * 3600);
        cookie.setAttribute("SameSite", "Lax");
        return cookie;
    }

    private static String cookie(HttpServletRequest request, String name) {
        if (request.getCookies() == null) {
            return null;
        }
        for (Cookie cookie : request.getCookies()) {
            if (name.equals(cookie.getName()) && cookie.getValue() != null && cookie.getValue().matches("[A-Za-z0-9_-]{8,64}")) {
                return cookie.getValue();
            }
        }
        return null;
    }
}
