package io.telepay.console.admin;

import java.time.Duration;
import java.util.List;

import io.telepay.console.Problem;
import io.telepay.notify.webhook.CreatedEndpoint;
import io.telepay.notify.webhook.RotatedSecret;
import io.telepay.notify.webhook.WebhookDeliveries;
import io.telepay.notify.webhook.WebhookDelivery;
import io.telepay.notify.webhook.WebhookEndpoint;
import io.telepay.notify.webhook.WebhookEndpoints;
import io.telepay.shared.CardNumbers;
import io.telepay.shared.InvalidInput;
import io.telepay.shared.StateConflict;
import io.telepay.shared.TelepayProblem;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Webhook endpoints: create one (its signing secret is on the answer page once, never again: not stored
 * in clear, not in a redirect or the session), change its URL and events, rotate the secret with an
 * overlap during which both sign, disable, enable, delete; and per endpoint the delivery log with every
 * attempt and a button to send a delivery again.
 */
@Controller
@RequestMapping("/console/admin/webhooks")
@PreAuthorize("hasRole('ADMIN')")
class WebhooksPage {

    static final int PAGE = 50;
    static final int DELIVERIES_PAGE = 25;
    /** The overlaps offered when rotating, the API's default (24 hours) first. */
    static final List<String> OVERLAPS = List.of("PT24H", "PT1H", "P7D", "PT0S");
    static final List<String> STATUSES = List.of("PENDING", "SENDING", "SUCCEEDED", "FAILED");

    private final WebhookEndpoints endpoints;
    private final WebhookDeliveries deliveries;

    WebhooksPage(WebhookEndpoints endpoints, WebhookDeliveries deliveries) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
    }

    /** What was typed into the endpoint form, to show again with the problem; a card number typed by mistake is masked. */
    record Form(String url, List<String> events) {

        Form {
            url = CardNumbers.mask(url);
        }

        static Form empty() {
            return new Form("", List.of());
        }

        static Form of(WebhookEndpoint endpoint) {
            return new Form(endpoint.url(), endpoint.events());
        }
    }

    @GetMapping
    String list(@RequestParam(required = false) String after, Model model) {
        List<WebhookEndpoint> page = endpoints.list(blankToNull(after), PAGE);
        model.addAttribute("endpoints", page);
        model.addAttribute("next", page.size() == PAGE ? page.getLast().id() : null);
        model.addAttribute("eventTypes", endpoints.subscribableTypes());
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", Form.empty());
        }
        return "console/admin/webhooks";
    }

    @PostMapping
    String create(@RequestParam(defaultValue = "") String url, @RequestParam(required = false) List<String> events,
                  Model model, HttpServletResponse response) {
        List<String> chosen = events == null ? List.of() : events;
        try {
            CreatedEndpoint created = endpoints.create(url, chosen);
            model.addAttribute("created", created);
            response.setStatus(201);
        } catch (TelepayProblem problem) {
            response.setStatus(problem.status());
            model.addAttribute("problem", Problem.of(problem));
            model.addAttribute("form", new Form(url, chosen));
        }
        return list(null, model);
    }

    @GetMapping("/{id}")
    String endpoint(@PathVariable String id, @RequestParam(required = false) String status,
                    @RequestParam(required = false) String before, Model model) {
        WebhookEndpoint endpoint = endpoints.get(id);
        String wanted = status != null && STATUSES.contains(status) ? status : null;
        List<WebhookDelivery> log = deliveries.ofEndpoint(id, wanted, blankToNull(before), DELIVERIES_PAGE);
        model.addAttribute("endpoint", endpoint);
        model.addAttribute("deliveries", log);
        model.addAttribute("status", wanted);
        model.addAttribute("statuses", STATUSES);
        model.addAttribute("next", log.size() == DELIVERIES_PAGE ? log.getLast().id() : null);
        model.addAttribute("eventTypes", endpoints.subscribableTypes());
        model.addAttribute("overlaps", OVERLAPS);
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", Form.of(endpoint));
        }
        return "console/admin/webhook";
    }

    /** Changes the URL and the events; the enabled state has its own buttons. */
    @PostMapping("/{id}")
    String change(@PathVariable String id, @RequestParam(defaultValue = "") String url, @RequestParam(required = false) List<String> events,
                  Model model, HttpServletResponse response, RedirectAttributes redirect) {
        List<String> chosen = events == null ? List.of() : events;
        try {
            endpoints.change(id, url, chosen, null);
        } catch (InvalidInput problem) {
            response.setStatus(problem.status());
            model.addAttribute("editProblem", Problem.of(problem));
            model.addAttribute("form", new Form(url, chosen));
            return endpoint(id, null, null, model);
        }
        redirect.addFlashAttribute("notice", "admin.webhooks.saved");
        return "redirect:/console/admin/webhooks/" + id;
    }

    @PostMapping("/{id}/rotate")
    String rotate(@PathVariable String id, @RequestParam(defaultValue = "PT24H") String overlap, Model model,
                  HttpServletResponse response) {
        if (!OVERLAPS.contains(overlap)) {
            response.setStatus(400);
            model.addAttribute("rotateProblem", Problem.of(new InvalidInput("overlap", "must be one of the offered overlaps")));
            return endpoint(id, null, null, model);
        }
        RotatedSecret rotated = endpoints.rotateSecret(id, Duration.parse(overlap));
        model.addAttribute("rotated", rotated);
        return endpoint(id, null, null, model);
    }

    @PostMapping("/{id}/{action:enable|disable}")
    String enable(@PathVariable String id, @PathVariable String action, RedirectAttributes redirect) {
        endpoints.change(id, null, null, action.equals("enable"));
        redirect.addFlashAttribute("notice", "admin.webhooks." + action + "d");
        return "redirect:/console/admin/webhooks/" + id;
    }

    @PostMapping("/{id}/delete")
    String delete(@PathVariable String id, RedirectAttributes redirect) {
        endpoints.delete(id);
        redirect.addFlashAttribute("notice", "admin.webhooks.deleted");
        return "redirect:/console/admin/webhooks";
    }

    /** One delivery: the exact body sent, every attempt, and the button to send it again. */
    @GetMapping("/deliveries/{deliveryId}")
    String delivery(@PathVariable String deliveryId, Model model) {
        WebhookDelivery delivery = deliveries.get(deliveryId);
        model.addAttribute("delivery", delivery);
        model.addAttribute("endpoint", endpoints.get(delivery.endpointId()));
        return "console/admin/webhook-delivery";
    }

    /** Sends the delivery's event again as a new delivery; back to its endpoint's log, with what happened. */
    @PostMapping("/deliveries/{deliveryId}/redeliver")
    String redeliver(@PathVariable String deliveryId, RedirectAttributes redirect) {
        WebhookDelivery original = deliveries.get(deliveryId);
        try {
            deliveries.redeliver(deliveryId);
            redirect.addFlashAttribute("logNotice", "admin.webhooks.redelivered");
        } catch (StateConflict disabled) {
            redirect.addFlashAttribute("logError", "admin.webhooks.redeliverDisabled");
        }
        return "redirect:/console/admin/webhooks/" + original.endpointId();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
