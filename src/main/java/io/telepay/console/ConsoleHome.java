package io.telepay.console;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The console's front page: a tile for each section of the user's role. */
@Controller
class ConsoleHome {

    @GetMapping("/")
    String root() {
        return "redirect:/console";
    }

    @GetMapping("/console")
    String home() {
        return "console/home";
    }
}
