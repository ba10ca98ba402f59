package io.ferry.runtime.deploy;

/**
 * A {@code <servlet-mapping>} (JSR 289 servlet mapping rules): the servlet that handles initial requests
 * matching {@code pattern}.
 */
public record ServletMapping(String servletName, MappingRule pattern) {

    public ServletMapping {
        if (servletName == null || servletName.isEmpty()) throw new IllegalArgumentException("mapping without servlet-name");
        if (pattern == null) throw new IllegalArgumentException("mapping without pattern");
    }

    /** True when {@code request} matches the pattern. */
    public boolean matches(RuleContext request) {
        return pattern.matches(request);
    }
}
