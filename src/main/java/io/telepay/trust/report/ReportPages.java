package io.telepay.trust.report;

import java.util.List;

import io.telepay.shared.InvalidInput;
import io.telepay.shared.NotFound;
import io.telepay.shared.TelepayProblem;
import io.telepay.trust.pages.FormError;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartHttpServletRequest;

/**
 * The fraud report form {@code /verify/report} and the status lookup {@code /verify/report/status}:
 * server-rendered, no JavaScript, everything the reporter typed shown back as text.
 */
@Controller
class ReportPages {

    private final ReportIntake intake;
    private final EvidenceLocker locker;

    ReportPages(ReportIntake intake, EvidenceLocker locker) {
        this.intake = intake;
        this.locker = locker;
    }

    /** What the reporter typed, to fill the form again after an error. */
    record Entered(String phone, String description, String when, List<String> askedFor, String moneyLostAmount,
                   String moneyLostCurrency, String contact) {
        static Entered empty() {
            return new Entered("", "", "", List.of(), "", "TWD", "");
        }
    }

    @GetMapping("/verify/report")
    String form(Model model) {
        return form(model, Entered.empty(), List.of());
    }

    @PostMapping(value = "/verify/report", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    String submit(MultipartHttpServletRequest request, Model model, HttpServletResponse response) {
        Entered entered = new Entered(text(request.getParameter("phone")), text(request.getParameter("description")),
                text(request.getParameter("when")), PublicReportController.values(request, "askedFor"),
                text(request.getParameter("moneyLostAmount")), text(request.getParameter("moneyLostCurrency")),
                text(request.getParameter("contact")));
        try {
            List<EvidenceUpload> files = locker.read(PublicReportController.evidenceParts(request));
            var received = intake.receive(new NewReport(ReportSource.FORM, entered.phone(), entered.description(),
                    entered.when(), entered.askedFor(),
                    PublicReportController.money(entered.moneyLostAmount(), entered.moneyLostCurrency(), "moneyLost"),
                    entered.contact(), files));
            model.addAttribute("received", received);
            model.addAttribute("description", entered.description());
            return "trust/report-received";
        } catch (InvalidInput | EvidenceTooLarge | EvidenceTypeRefused problem) {
            response.setStatus(problem.status());
            return form(model, entered, problem.errors());
        }
    }

    @GetMapping("/verify/report/status")
    String statusForm(Model model) {
        model.addAttribute("reference", "");
        model.addAttribute("errors", List.of());
        return "trust/report-status";
    }

    @PostMapping(value = "/verify/report/status", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    String status(@RequestParam(required = false) String reference, @RequestParam(required = false) String contact,
                  Model model, HttpServletResponse response) {
        model.addAttribute("reference", text(reference));
        try {
            model.addAttribute("status", intake.status(text(reference), text(contact)));
            model.addAttribute("errors", List.of());
        } catch (InvalidInput invalid) {
            response.setStatus(400);
            model.addAttribute("errors", FormError.of(invalid.errors()));
        } catch (NotFound unknown) {
            response.setStatus(404);
            model.addAttribute("notFound", true);
            model.addAttribute("errors", List.of());
        }
        return "trust/report-status";
    }

    private static String form(Model model, Entered entered, List<TelepayProblem.FieldError> errors) {
        model.addAttribute("entered", entered);
        model.addAttribute("errors", FormError.of(errors));
        model.addAttribute("askedForOptions", AskedFor.values());
        model.addAttribute("currencies", List.of("TWD", "CNY", "HKD", "USD"));
        return "trust/report";
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
