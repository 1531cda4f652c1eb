package io.telepay.audit;

/**
 * The verifier's verdict: {@code ok} when every entry's hash is right, each links to the one
 * before, the sequence has no gap and the last entry is the recorded head.
 *
 * @param firstBrokenSeq the first entry found wrong, or null when ok
 * @param problem        what is wrong there, in words, or null when ok
 */
public record ChainVerification(boolean ok, long entries, String head, Long firstBrokenSeq, String problem) {
}
