package io.telepay.console.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.telepay.notify.Messages;
import io.telepay.notify.SentMessage;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The message log: the SMS and e-mails Telepay sent, newest first, with their links clickable, so on the
 * embedded demo a newcomer opens the pay link from here as the customer would from their phone.
 */
@Controller
@RequestMapping("/console/admin/messages")
@PreAuthorize("hasRole('ADMIN')")
class MessageLogPage {

    private static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"]+");

    private final Messages messages;

    MessageLogPage(Messages messages) {
        this.messages = messages;
    }

    /** A message's text cut into plain parts and links, so the template escapes every part. */
    record Part(String text, boolean link) {
    }

    record Shown(SentMessage message, List<Part> body) {
    }

    @GetMapping
    String list(@RequestParam(required = false) String reference, @RequestParam(required = false) String before, Model model) {
        List<SentMessage> page = messages.recent(reference == null || reference.isBlank() ? null : reference.strip(), before, 50);
        model.addAttribute("messages", page.stream().map(m -> new Shown(m, parts(m.body()))).toList());
        model.addAttribute("next", page.size() == 50 ? page.getLast().id() : null);
        model.addAttribute("reference", reference);
        return "console/admin/messages";
    }

    static List<Part> parts(String body) {
        List<Part> parts = new ArrayList<>();
        Matcher matcher = LINK.matcher(body == null ? "" : body);
        int at = 0;
        while (matcher.find()) {
            if (matcher.start() > at) {
                parts.add(new Part(body.substring(at, matcher.start()), false));
            }
            parts.add(new Part(matcher.group(), true));
            at = matcher.end();
        }
        if (body != null && at < body.length()) {
            parts.add(new Part(body.substring(at), false));
        }
        return parts;
    }
}
