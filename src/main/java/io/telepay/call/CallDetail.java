package io.telepay.call;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** A call with its notes, oldest note first: what {@code GET /calls/{id}} answers. */
public record CallDetail(@JsonUnwrapped CallView call, List<NoteView> notes) {

    public CallDetail {
        notes = List.copyOf(notes);
    }
}
