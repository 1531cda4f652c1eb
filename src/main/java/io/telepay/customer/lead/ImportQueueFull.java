package io.telepay.customer.lead;

import io.telepay.shared.StateConflict;

/** 409: too many imports are waiting for the worker; the upload was not kept. */
public class ImportQueueFull extends StateConflict {

    ImportQueueFull() {
        super("import-queue-full", "Too many imports are waiting; upload the file again in a few minutes");
    }
}
