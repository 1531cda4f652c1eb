package io.telepay.customer.lead;

/**
 * Why one row of an import did not become a queued lead.
 *
 * @param row    the row as a spreadsheet numbers it: the header is row 1, the first lead row 2
 * @param field  the column at fault: name, phone, email, source or campaign
 * @param reason what is wrong, without repeating the value (reports travel further than the data should)
 */
public record ImportIssue(int row, String field, Kind kind, String reason) {

    public enum Kind { REJECTED, DUPLICATE, DO_NOT_CALL }
}
