package io.telepay.console.team;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.telepay.console.Problem;
import io.telepay.customer.lead.LeadModels;
import io.telepay.customer.lead.ShadowLift;
import io.telepay.learning.CalibrationBin;
import io.telepay.learning.LearnedModel;
import io.telepay.learning.ModelStatus;
import io.telepay.shared.InvalidInput;
import io.telepay.shared.TelepayProblem;
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
 * The learned lead model for supervisors: what orders the queue, each version with its windows and its figures
 * against the hand-written score on the same later weeks, a calibration plot (SVG drawn here, no script), the lift
 * measured on the calls that followed, and for admins training now and the switch (with a confirmation box).
 */
@Controller
@RequestMapping("/console/team/lead-models")
@PreAuthorize("hasAnyRole('SUPERVISOR', 'ADMIN')")
class LeadModelsPage {

    /** The plot's inner square in SVG units, and its margin for the axes. */
    static final int SIZE = 240;
    static final int MARGIN = 36;

    private final LeadModels models;

    LeadModelsPage(LeadModels models) {
        this.models = models;
    }

    /** One bin drawn: centre and radius (by its share of the calls), with its figures for the tooltip. */
    record Dot(double cx, double cy, double r, String title) {
    }

    @GetMapping
    String page(@RequestParam(required = false) String version, Model model) {
        List<LearnedModel> versions = models.versions();
        LeadModels.State state = models.state();
        model.addAttribute("state", state);
        model.addAttribute("activeVersion", versions.stream().filter(v -> v.id().equals(state.activeModel()))
                .map(v -> String.valueOf(v.version())).findFirst().orElse(""));
        model.addAttribute("versions", versions);
        Optional<LearnedModel> shown = version == null || version.isBlank()
                ? versions.stream().filter(v -> v.metrics() != null).findFirst()
                : versions.stream().filter(v -> v.id().equals(version)).findFirst();
        shown.ifPresent(v -> {
            model.addAttribute("shown", v);
            model.addAttribute("dots", dots(v.metrics() == null ? List.of() : v.metrics().model().calibration()));
            if (v.status() == ModelStatus.SHADOW || v.status() == ModelStatus.ACTIVE || v.status() == ModelStatus.RETIRED) {
                ShadowLift lift = models.lift(v.id());
                model.addAttribute("lift", lift.orders() > 0 && lift.calls() > lift.orders() ? lift : null);
            }
        });
        model.addAttribute("size", SIZE);
        model.addAttribute("margin", MARGIN);
        return "console/team/lead-models";
    }

    @PostMapping("/train")
    @PreAuthorize("hasRole('ADMIN')")
    String train(RedirectAttributes redirect, Model model) {
        try {
            LearnedModel trained = models.trainNow();
            redirect.addFlashAttribute("trained", trained);
            return "redirect:/console/team/lead-models?version=" + trained.id();
        } catch (TelepayProblem problem) {
            model.addAttribute("problem", Problem.of(problem));
            return page(null, model);
        }
    }

    @PostMapping("/{id}/status")
    @PreAuthorize("hasRole('ADMIN')")
    String status(@PathVariable String id, @RequestParam(required = false) String status,
                  @RequestParam(required = false) String confirm, RedirectAttributes redirect, Model model) {
        try {
            ModelStatus to = ModelStatus.parseSwitch("status", status);
            if (!"yes".equals(confirm)) {
                throw new InvalidInput("confirm", "tick the box to confirm the switch");
            }
            LearnedModel switched = models.switchTo(id, to);
            redirect.addFlashAttribute("switched", switched);
            return "redirect:/console/team/lead-models?version=" + switched.id();
        } catch (TelepayProblem problem) {
            model.addAttribute("problem", Problem.of(problem));
            return page(id, model);
        }
    }

    /** Predicted across, observed up, both 0..1 scaled to the largest of them so a low base rate stays readable. */
    static List<Dot> dots(List<CalibrationBin> bins) {
        long calls = bins.stream().mapToLong(CalibrationBin::count).sum();
        List<Dot> dots = new ArrayList<>();
        for (CalibrationBin bin : bins) {
            double x = MARGIN + bin.meanPredicted() * SIZE;
            double y = MARGIN + SIZE - bin.observedRate() * SIZE;
            double r = 3 + 9 * Math.sqrt((double) bin.count() / Math.max(1, calls));
            dots.add(new Dot(Math.round(x * 10) / 10.0, Math.round(y * 10) / 10.0, Math.round(r * 10) / 10.0,
                    String.format(java.util.Locale.ROOT, "%.3f → %.3f (%d)", bin.meanPredicted(), bin.observedRate(), bin.count())));
        }
        return dots;
    }
}
