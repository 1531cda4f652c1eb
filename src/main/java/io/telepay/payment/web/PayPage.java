package io.telepay.payment.web;

import java.time.Clock;
import java.util.List;

import io.telepay.order.OrderView;
import io.telepay.order.Orders;
import io.telepay.payment.CardInvalid;
import io.telepay.payment.Checkout;
import io.telepay.payment.PayResult;
import io.telepay.payment.PaymentSessions;
import io.telepay.payment.SessionGone;
import io.telepay.payment.SessionStatus;
import io.telepay.payment.internal.SessionRow;
import io.telepay.shared.InvalidInput;
import io.telepay.shared.NotFound;
import io.telepay.shared.TelepayProblem;
import io.telepay.vault.PresentedCard;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The hosted pay page {@code /pay/{token}}: server-rendered, no JavaScript, the customer's own phone.
 * The same address takes a JSON body for integrations and tests. Used, expired or unknown links
 * answer 410 or 404 and charge nothing.
 */
@Controller
class PayPage {

    private final PaymentSessions sessions;
    private final Checkout checkout;
    private final Orders orders;
    private final Clock clock;
    private final String companyName;

    PayPage(PaymentSessions sessions, Checkout checkout, Orders orders, Clock clock,
            @Value("${telepay.company-name}") String companyName) {
        this.sessions = sessions;
        this.checkout = checkout;
        this.orders = orders;
        this.clock = clock;
        this.companyName = companyName;
    }

    record CardForm(String cardNumber, String expiry, String cvc, String holderName) {
        @Override
        public String toString() {
            return "CardForm[****]";
        }
    }

    @GetMapping("/pay/{token}")
    String page(@PathVariable String token, Model model, HttpServletRequest request, HttpServletResponse response) {
        SessionRow session = sessions.byToken(token).orElse(null);
        if (session == null) {
            return gone(model, response, 404, "pay.unknown");
        }
        if (session.status() != SessionStatus.OPEN || session.expiredAt(clock.instant())) {
            return gone(model, response, 410, session.status() == SessionStatus.COMPLETED ? "pay.used" : "pay.expired");
        }
        sessions.opened(session);
        if (deviceId(request) == null) {
            // a random id per browser, so risk can count the cards entered from one device; never personal data
            jakarta.servlet.http.Cookie cookie = new jakarta.servlet.http.Cookie(DEVICE_COOKIE, io.telepay.shared.Ids.randomToken(16));
            cookie.setPath("/pay");
            cookie.setHttpOnly(true);
            cookie.setSecure(request.isSecure());
            cookie.setMaxAge(365 * 24 * 3600);
            cookie.setAttribute("SameSite", "Lax");
            response.addCookie(cookie);
        }
        return form(model, session, null, token);
    }

    /** JSON in, JSON out ({@code {status, paymentId?, message}}), problem+json for what went wrong. */
    @PostMapping(value = "/pay/{token}", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    PayResult payJson(@PathVariable String token, @RequestBody CardForm card, HttpServletRequest request) {
        return pay(token, card, request);
    }

    /** The form post; a client asking for JSON gets JSON, a browser a page. */
    @PostMapping(value = "/pay/{token}", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    Object payForm(@PathVariable String token, @RequestParam(required = false) String cardNumber,
                   @RequestParam(required = false) String expiry, @RequestParam(required = false) String cvc,
                   @RequestParam(required = false) String holderName, HttpServletRequest request,
                   HttpServletResponse response, Model model) {
        CardForm card = new CardForm(cardNumber, expiry, cvc, holderName);
        String accept = request.getHeader("Accept");
        if (accept != null && accept.contains(MediaType.APPLICATION_JSON_VALUE)) {
            return org.springframework.http.ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(pay(token, card, request));
        }
        try {
            PayResult result = pay(token, card, request);
            model.addAttribute("result", result);
            model.addAttribute("company", companyName);
            model.addAttribute("token", token);
            model.addAttribute("order", orders.read(sessions.byToken(token).orElseThrow().orderId()));
            return "pay/result";
        } catch (CardInvalid invalid) {
            response.setStatus(422);
            SessionRow session = sessions.byToken(token).orElseThrow();
            model.addAttribute("errors", invalid.errors());
            return form(model, session, card, token);
        } catch (NotFound unknown) {
            return gone(model, response, 404, "pay.unknown");
        } catch (SessionGone used) {
            return gone(model, response, 410, "pay.used");
        }
    }

    private PayResult pay(String token, CardForm form, HttpServletRequest request) {
        if (sessions.byToken(token).isEmpty()) {
            throw new NotFound("payment link", "for this address");
        }
        PresentedCard card;
        try {
            card = PresentedCard.parse(form.cardNumber(), form.expiry(), form.cvc(), form.holderName(), clock);
        } catch (InvalidInput invalid) {
            throw new CardInvalid(invalid.errors());
        }
        return checkout.pay(new Checkout.SessionKey.Token(token), card, new Checkout.Origin("LINK", request.getRemoteAddr(), deviceId(request)));
    }

    static final String DEVICE_COOKIE = "tp_device";

    private static String deviceId(HttpServletRequest request) {
        if (request.getCookies() == null) {
            return null;
        }
        for (jakarta.servlet.http.Cookie cookie : request.getCookies()) {
            if (DEVICE_COOKIE.equals(cookie.getName()) && cookie.getValue() != null && cookie.getValue().matches("[A-Za-z0-9_-]{8,64}")) {
                return cookie.getValue();
            }
        }
        return null;
    }

    private String form(Model model, SessionRow session, CardForm entered, String token) {
        OrderView order = orders.read(session.orderId());
        model.addAttribute("company", companyName);
        model.addAttribute("order", order);
        model.addAttribute("session", session);
        model.addAttribute("token", token);
        model.addAttribute("holderName", entered == null ? "" : entered.holderName());
        model.addAttribute("expiry", entered == null ? "" : entered.expiry());
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", List.<TelepayProblem.FieldError>of());
        }
        return "pay/page";
    }

    private static String gone(Model model, HttpServletResponse response, int status, String messageKey) {
        response.setStatus(status);
        model.addAttribute("messageKey", messageKey);
        return "pay/gone";
    }
}
