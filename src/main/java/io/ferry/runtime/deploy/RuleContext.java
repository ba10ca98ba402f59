package io.ferry.runtime.deploy;

import java.util.Optional;

/**
 * The values of the rule-language variables for one request (JSR 289 servlet mapping rules). A variable that the
 * request does not define (no display name, no {@code user} part, a {@code tel} of a URI without
 * {@code user=phone}…) is empty, and every condition on it except {@code not} is false.
 */
@FunctionalInterface
public interface RuleContext {

    /** The value of {@code variable} in this request, or empty when the request does not define it. */
    Optional<String> value(RuleVariable variable);
}
