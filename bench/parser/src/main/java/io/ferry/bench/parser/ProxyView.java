package io.ferry.bench.parser;

/**
 * What a stateless proxy reads from every message before it can route it: the top Via branch,
 * Call-ID, CSeq, the To tag and, for a request, the Request-URI host (for a response, the status).
 * Both benchmarks extract it once in setup, so the run fails fast if the two parsers disagree.
 */
record ProxyView(String branch, String callId, long cseq, String cseqMethod, String toTag,
                 String requestUriHost, int status) {
}
