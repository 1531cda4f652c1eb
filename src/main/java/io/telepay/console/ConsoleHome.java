package io.telepay.console;

import io.telepay.identity.StaffDirectory;
import io.telepay.shared.Actor;
import io.telepay.shared.Actors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class ConsoleHome {

    private final StaffDirectory staff;

    ConsoleHome(StaffDirectory staff) {
        this.staff = staff;
    }

    @GetMapping("/")
    String root() {
        return "redirect:/console";
    }

    @GetMapping("/console")
    String home(Model model) {
        Actor actor = Actors.current();
        model.addAttribute("displayName", staff.get(actor.id()).displayName());
        model.addAttribute("role", actor.role().name());
        return "console/home";
    }
}
