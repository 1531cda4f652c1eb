package io.telepay.notify.web;

import java.util.List;

import io.telepay.notify.Messages;
import io.telepay.notify.SentMessage;
import io.telepay.shared.NotFound;
import io.telepay.shared.Page;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The message log: what Telepay sent (or tried to send) to customers, with each outcome. */
@RestController
@RequestMapping("/api/v1/messages")
@PreAuthorize("hasRole('ADMIN')")
class MessageController {

    private final Messages messages;

    MessageController(Messages messages) {
        this.messages = messages;
    }

    @GetMapping
    Page<SentMessage> list(@RequestParam(required = false) String reference, @RequestParam(required = false) String cursor,
                           @RequestParam(required = false) Integer limit) {
        int size = Page.limit(limit);
        List<SentMessage> page = messages.recent(reference, cursor, size);
        return new Page<>(page, page.size() == size ? page.getLast().id() : null);
    }

    @GetMapping("/{id}")
    SentMessage get(@PathVariable String id) {
        return messages.find(id).orElseThrow(() -> new NotFound("message", id));
    }
}
