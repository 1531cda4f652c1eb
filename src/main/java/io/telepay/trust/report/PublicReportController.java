package io.telepay.trust.report;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.telepay.shared.InvalidInput;
import io.telepay.shared.Money;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Part;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fraud reports over the API, no sign-in (API.md, Trust): {@code POST /api/v1/public/reports} as
 * multipart — {@code phone?}, {@code description}, {@code when?}, {@code askedFor?} (repeated or
 * comma-separated), {@code moneyLost?} ({@code {"amount": "1000.00", "currency": "TWD"}}), {@code contact},
 * files as {@code evidence} or {@code evidence[]} — answers {@code {reference, status, receivedAt, evidence}};
 * {@code POST /api/v1/public/reports/status} {@code {reference, contact}} answers the status.
 */
@RestController
class PublicReportController {

    private static final Pattern EVIDENCE_PART = Pattern.compile("evidence(\\[\\d*])?");

    private final ReportIntake intake;
    private final EvidenceLocker locker;
    private final JsonMapper json;

    PublicReportController(ReportIntake intake, EvidenceLocker locker, JsonMapper json) {
        this.intake = intake;
        this.locker = locker;
        this.json = json;
    }

    record StatusBody(String reference, String contact) {
        @Override
        public String toString() {
            return "StatusBody[" + reference + "]";
        }
    }

    @PostMapping(value = "/api/v1/public/reports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<ReportIntake.Received> report(MultipartHttpServletRequest request) {
        List<EvidenceUpload> files = locker.read(evidenceParts(request));
        var received = intake.receive(new NewReport(ReportSource.API, request.getParameter("phone"),
                request.getParameter("description"), request.getParameter("when"), values(request, "askedFor"),
                moneyLost(request), request.getParameter("contact"), files));
        return ResponseEntity.created(URI.create("/api/v1/public/reports/status")).body(received);
    }

    @PostMapping(value = "/api/v1/public/reports/status", consumes = MediaType.APPLICATION_JSON_VALUE)
    ReportIntake.PublicStatus status(@RequestBody StatusBody body) {
        return intake.status(body.reference(), body.contact());
    }

    /**
     * The evidence parts in the order sent, whatever mix of {@code evidence} and {@code evidence[]} names
     * carries them. A file input left empty on a form sends a nameless empty part: that is no file. A file
     * under any other part name is refused rather than silently dropped.
     */
    static List<MultipartFile> evidenceParts(MultipartHttpServletRequest request) {
        Map<String, List<MultipartFile>> byName = request.getMultiFileMap();
        for (String name : byName.keySet()) {
            if (!EVIDENCE_PART.matcher(name).matches()) {
                throw new InvalidInput(name, "is not a known file field; send evidence files as evidence");
            }
        }
        List<MultipartFile> parts = new ArrayList<>();
        Map<String, Integer> taken = new HashMap<>();
        for (String name : partNamesInOrder(request)) {
            List<MultipartFile> files = byName.get(name);
            int index = taken.merge(name, 1, Integer::sum) - 1;
            if (files == null || index >= files.size()) {
                continue;
            }
            MultipartFile part = files.get(index);
            boolean nothingChosen = part.isEmpty() && (part.getOriginalFilename() == null || part.getOriginalFilename().isEmpty());
            if (!nothingChosen) {
                parts.add(part);
            }
        }
        return parts;
    }

    /** The names of the file parts as they came on the wire, one entry per part. */
    private static List<String> partNamesInOrder(MultipartHttpServletRequest request) {
        try {
            List<String> names = new ArrayList<>();
            for (Part part : request.getParts()) {
                if (part.getSubmittedFileName() != null) {
                    names.add(part.getName());
                }
            }
            return names;
        } catch (IOException | ServletException | IllegalStateException e) {
            // not a servlet multipart request: the grouped order is the best there is
            List<String> names = new ArrayList<>();
            request.getMultiFileMap().forEach((name, files) -> files.forEach(f -> names.add(name)));
            return names;
        }
    }

    static List<String> values(MultipartHttpServletRequest request, String name) {
        List<String> values = new ArrayList<>();
        for (String key : List.of(name, name + "[]")) {
            String[] given = request.getParameterValues(key);
            if (given != null) {
                values.addAll(List.of(given));
            }
        }
        return values;
    }

    private Money moneyLost(MultipartHttpServletRequest request) {
        String given = request.getParameter("moneyLost");
        if (given == null || given.isBlank()) {
            return money(request.getParameter("moneyLost.amount"), request.getParameter("moneyLost.currency"), "moneyLost");
        }
        try {
            return json.readValue(given, Money.class);
        } catch (JacksonException e) {
            throw new InvalidInput("moneyLost", "must be {\"amount\": \"1000.00\", \"currency\": \"TWD\"}");
        }
    }

    /** Money from two fields; null without an amount (a form always sends its currency). */
    static Money money(String amount, String currency, String field) {
        if (amount == null || amount.isBlank()) {
            return null;
        }
        try {
            return Money.of(amount.strip(), currency.strip());
        } catch (RuntimeException e) {
            throw new InvalidInput(field, "must be an amount such as 1000 or 1000.00 with a currency such as TWD");
        }
    }
}
